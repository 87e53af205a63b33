using System.Globalization;
using Microsoft.Extensions.Options;
using PrimeFunctions.Engine;
using PrimeFunctions.Storage;

namespace PrimeFunctions.Orchestration;

/// <summary>
/// Counts the primes of a narrow range. Grid segments the range covers whole that earlier range jobs stored are counted
/// from their bitmaps — read against the digest their catalog row vouches for, as the merge reads them, so a damaged or
/// missing one is simply sieved — and the rest is sieved with the wheel sieve, a bounded chunk at a time, never stored.
/// Reading a stored segment costs a download and a hash, several times less than sieving it.
/// </summary>
public sealed class SieveCountActivity(SegmentStore segments, IOptions<PrimesOptions> options)
{
    private const ulong Chunk = 1ul << 30;

    public async Task<SieveCount> RunAsync(SieveCountTask task)
    {
        var grid = new SegmentGrid(options.Value.SegmentWidth);
        var (first, last) = WholeSegments(grid, task.From, task.To);
        var stored = first <= last ? await segments.FindRangeAsync(grid.Width, first, last) : new Dictionary<long, SegmentRecord>();

        ulong count = 0;
        var cached = 0;
        var next = task.From;
        var covered = false;
        foreach (var (index, record) in stored.OrderBy(s => s.Key))
        {
            if (await segments.ReadCataloguedAsync(grid.Width, index, record) is not { } bitmap)
            {
                continue;
            }

            if (next < bitmap.Low)
            {
                count += await SieveAsync(next, bitmap.Low - 1);
            }

            count += (ulong)bitmap.Count;
            cached++;
            covered = bitmap.High == task.To;
            next = covered ? task.To : bitmap.High + 1;
        }

        if (!covered)
        {
            count += await SieveAsync(next, task.To);
        }

        return new SieveCount(count.ToString(CultureInfo.InvariantCulture), cached);
    }

    /// <summary>The first and last grid segments that lie whole inside [from, to] (first &gt; last when there is none).</summary>
    private static (long First, long Last) WholeSegments(SegmentGrid grid, ulong from, ulong to)
    {
        var first = grid.IndexOf(from) + (grid.Bounds(grid.IndexOf(from)).Low == from ? 0 : 1);
        var last = grid.IndexOf(to) - (grid.Bounds(grid.IndexOf(to)).High == to ? 0 : 1);
        return (first, last);
    }

    private static Task<ulong> SieveAsync(ulong from, ulong to) => Task.Run(() =>
    {
        ulong count = 0;
        for (var low = from; ;)
        {
            var high = to - low < Chunk ? to : low + Chunk - 1;
            count += (ulong)SegmentSieve.Sieve(low, high).Count;
            if (high == to)
            {
                return count;
            }

            low = high + 1;
        }
    });
}
