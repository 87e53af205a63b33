using System.Runtime.CompilerServices;

namespace PrimeFunctions.Primes;

/// <summary>Crosses off multiples of sieving primes that hit every L1-sized chunk many times (the primes above the pre-sieve, up to a fraction of the chunk).</summary>
/// <remarks>
/// These primes make most of the crossings of any range: well over half below 10^10. Each progression of a
/// <see cref="ProgressionSet"/> is run to the end of an L1-sized chunk before the next, so every store hits
/// L1, and the loop is unrolled four ways because each progression has many multiples per chunk. Primes
/// bigger than a fraction of the chunk would pay the eight progression set-ups per chunk for too few
/// crossings; they belong to <see cref="EratMedium"/>.
/// </remarks>
internal static class EratSmall
{
    /// <summary>Crosses off all multiples in bytes [start, end) of the bitmap whose byte 0 is at <paramref name="b"/>, one L1-sized chunk at a time.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static unsafe void CrossOff(ProgressionSet set, byte* b, uint start, uint end, uint chunkBytes)
    {
        var count = set.Count;
        fixed (uint* next = set.Next)
        fixed (byte* masks = set.Masks)
        fixed (uint* primes = set.Primes)
        {
            for (var chunkStart = start; chunkStart < end; chunkStart += chunkBytes)
            {
                var chunkEnd = Math.Min(end, chunkStart + chunkBytes);
                for (var j = 0; j < count; j++)
                {
                    var p = primes[j];
                    var o = next + j * 8;
                    var mask = masks + j * 8;
                    for (var k = 0; k < 8; k++)
                    {
                        var i = o[k];
                        var m = mask[k];
                        while (i + 3 * p < chunkEnd)
                        {
                            b[i] &= m;
                            b[i + p] &= m;
                            b[i + 2 * p] &= m;
                            b[i + 3 * p] &= m;
                            i += 4 * p;
                        }

                        while (i < chunkEnd)
                        {
                            b[i] &= m;
                            i += p;
                        }

                        o[k] = i;
                    }
                }
            }
        }
    }
}
