using System.Runtime.CompilerServices;

namespace PrimeFunctions.Engine;

/// <summary>Crosses off multiples of sieving primes that hit each block from a few to a few dozen times per progression.</summary>
/// <remarks>
/// Between a fraction of the L1 chunk and the block size, a prime has too few multiples per L1 chunk to
/// amortise eight progression set-ups, but enough per L2-sized block. So the progressions of a
/// <see cref="ProgressionSet"/> run over the whole block at once, with a plain loop since each has only a
/// handful of multiples. Measured here, this beats walking each prime's multiples in wheel order (one
/// cursor, a table lookup and a multiply per step, all on one dependency chain) by about 2×. Primes above
/// the block size have less than one multiple per progression per block and go to <see cref="EratBig"/>.
/// </remarks>
internal static class EratMedium
{
    /// <summary>Crosses off all multiples that fall below byte <paramref name="end"/> of the bitmap whose byte 0 is at <paramref name="b"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static unsafe void CrossOff(ProgressionSet set, byte* b, uint end)
    {
        var count = set.Count;
        fixed (uint* next = set.Next)
        fixed (byte* masks = set.Masks)
        fixed (uint* primes = set.Primes)
        {
            var blockEnd = b + end;
            for (var j = 0; j < count; j++)
            {
                nint p = (nint)primes[j];
                var o = next + j * 8;
                var mask = masks + j * 8;
                for (var k = 0; k < 8; k++)
                {
                    var q = b + o[k];
                    var m = mask[k];
                    while (q < blockEnd)
                    {
                        *q &= m;
                        q += p;
                    }

                    o[k] = (uint)(q - b);
                }
            }
        }
    }
}
