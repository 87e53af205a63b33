using System.Runtime.CompilerServices;

namespace PrimeFunctions.Engine;

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
                var chunkEnd = b + Math.Min(end, chunkStart + chunkBytes);
                for (var j = 0; j < count; j++)
                {
                    // Native-sized strides let each crossing be one AND with a base+index address, no zero-extension.
                    nint p = (nint)primes[j];
                    var o = next + j * 8;
                    var mask = masks + j * 8;
                    for (var k = 0; k < 8; k++)
                    {
                        var q = b + o[k];
                        var m = mask[k];
                        while (q + 3 * p < chunkEnd)
                        {
                            q[0] &= m;
                            q[p] &= m;
                            q[2 * p] &= m;
                            q[3 * p] &= m;
                            q += 4 * p;
                        }

                        while (q < chunkEnd)
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
}
