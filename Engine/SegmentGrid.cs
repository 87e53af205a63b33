namespace PrimeFunctions.Engine;

/// <summary>
/// The fixed global grid that cuts the 64-bit domain into segments of equal width. Every job plans on the
/// same grid, which is what lets a job reuse the segments an overlapping earlier job already sieved.
/// </summary>
public readonly record struct SegmentGrid(ulong Width)
{
    public long IndexOf(ulong n) => (long)(n / Width);

    /// <summary>The inclusive bounds of segment <paramref name="index"/>; the last one ends at 2^64−1.</summary>
    public (ulong Low, ulong High) Bounds(long index)
    {
        var low = (ulong)index * Width;
        var high = ulong.MaxValue - low < Width - 1 ? ulong.MaxValue : low + (Width - 1);
        return (low, high);
    }
}
