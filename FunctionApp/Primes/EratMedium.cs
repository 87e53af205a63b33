namespace PrimeFunctions.Primes;

/// <summary>Crosses off multiples of sieving primes that hit each block a few to a few hundred times.</summary>
/// <remarks>
/// Above the small primes, eight progressions per prime per chunk cost more in set-up than in crossings.
/// Here each prime keeps one cursor (byte index and position on the wheel) and walks its multiples in
/// wheel order across a whole L2-sized block, stepping by q·gap plus a tabulated correction. One state per
/// prime keeps the working set small; the block is big enough that every prime still has several
/// multiples in it. Primes with fewer than one multiple per block on average go to <see cref="EratBig"/>.
/// </remarks>
internal sealed class EratMedium
{
    private readonly SievingCursor[] _cursors;

    /// <summary>Places a cursor for each of <paramref name="primes"/> on its first multiple in [low, high].</summary>
    public EratMedium(ReadOnlySpan<uint> primes, ulong low, ulong high)
    {
        var cursors = new List<SievingCursor>(primes.Length);
        foreach (var p in primes)
        {
            if (SievingCursor.TryCreate(p, low, high, out var cursor))
            {
                cursors.Add(cursor);
            }
        }

        _cursors = cursors.ToArray();
    }

    /// <summary>Crosses off all multiples that fall below byte <paramref name="end"/> of <paramref name="bits"/>.</summary>
    public unsafe void CrossOff(byte[] bits, uint end)
    {
        fixed (byte* b = bits)
        fixed (byte* crossMask = Wheel.CrossMask)
        fixed (byte* correction = Wheel.StepCorrection)
        fixed (byte* gaps = Wheel.Gaps)
        fixed (SievingCursor* cursors = _cursors)
        {
            for (var j = 0; j < _cursors.Length; j++)
            {
                var cursor = cursors + j;
                var i = cursor->Index;
                if (i >= end)
                {
                    continue;
                }

                var step = cursor->Step;
                var residueRow = cursor->Residue * 8;
                var w = cursor->WheelIndex;
                do
                {
                    b[i] &= (byte)~crossMask[residueRow + w];
                    i += step * gaps[w] + correction[residueRow + w];
                    w = (w + 1) & 7;
                }
                while (i < end);

                cursor->Index = i;
                cursor->WheelIndex = w;
            }
        }
    }
}
