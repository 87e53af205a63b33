using System.Numerics;
using System.Runtime.CompilerServices;

namespace PrimeFunctions.Engine;

/// <summary>Supplies the sieving primes up to √high: a shared cache of the small ones, batches of the rest.</summary>
/// <remarks>
/// Every segment needs the same small sieving primes, so those up to
/// <see cref="SieveConfig.SievingPrimeCacheLimit"/> (all the small and medium primes; enough for any segment
/// below 2^40) are computed once per process by a plain odd-only sieve and shared read-only. Above that, a
/// segment near 2^64 needs the ~203 million primes below 2^32; holding them would cost 800 MB, so they are
/// produced one block-sized window at a time by the segmented sieve's own block step (its sieving
/// primes, up to 2^16, are always in the cache; their cursors carry over from window to window) and
/// handed over in batches that the caller consumes before asking for the next.
/// </remarks>
internal static class SievingPrimes
{
    private const uint CacheLimit = SieveConfig.SievingPrimeCacheLimit;

    private static readonly Lazy<uint[]> Cache = new(BuildCache);

    /// <summary>Primes p with 7 &lt;= p &lt;= <paramref name="limit"/>, limit at most <see cref="SieveConfig.SievingPrimeCacheLimit"/>.</summary>
    public static ReadOnlySpan<uint> UpTo(uint limit)
    {
        var cache = Cache.Value;
        var end = Array.BinarySearch(cache, limit);
        end = end >= 0 ? end + 1 : ~end;
        return cache.AsSpan(0, end);
    }

    /// <summary>Primes in [from, to] (to &lt; 2^32), in ascending batches of at most <paramref name="batchSize"/>; each batch is valid until the next is requested.</summary>
    public static IEnumerable<ArraySegment<uint>> Batches(SieveConfig config, uint from, uint to, int batchSize)
    {
        var cache = Cache.Value;
        var buffer = new uint[batchSize];
        var filled = 0;
        var start = (ulong)Math.Max(from, 7u);
        for (var i = 0; i < cache.Length && start <= to; i++)
        {
            if (cache[i] < start)
            {
                continue;
            }

            if (cache[i] > to)
            {
                break;
            }

            buffer[filled++] = cache[i];
            if (filled == batchSize)
            {
                yield return new ArraySegment<uint>(buffer, 0, filled);
                filled = 0;
            }
        }

        start = Math.Max(start, CacheLimit + 1ul);
        if (start <= to)
        {
            var windowBase = start - start % Wheel.Modulus;
            var length = (uint)((to - windowBase) / Wheel.Modulus + 1);
            using var small = SegmentSieve.SmallPrimes(config, start, to);
            using var medium = SegmentSieve.MediumPrimes(config, start, to);
            var window = new byte[config.BlockBytes];
            for (uint windowStart = 0; windowStart < length; windowStart += config.BlockBytes)
            {
                var windowEnd = Math.Min(length, windowStart + config.BlockBytes);
                SieveWindow(config, small, medium, window, windowBase / Wheel.Modulus, windowStart, windowEnd);
                if (windowStart == 0)
                {
                    window[0] &= Wheel.MaskFrom((int)(start - windowBase));
                }

                if (windowEnd == length)
                {
                    window[windowEnd - 1 - windowStart] &= Wheel.MaskUpTo((int)((to - windowBase) % Wheel.Modulus));
                    window.AsSpan((int)(windowEnd - windowStart)).Clear();
                }

                var words = (int)(windowEnd - windowStart + 7) / 8;
                for (var decoded = 0; decoded < words;)
                {
                    decoded = Decode(window, decoded, words, windowBase + (ulong)windowStart * Wheel.Modulus, buffer, ref filled);
                    if (decoded < words)
                    {
                        yield return new ArraySegment<uint>(buffer, 0, filled);
                        filled = 0;
                    }
                }
            }
        }

        if (filled > 0)
        {
            yield return new ArraySegment<uint>(buffer, 0, filled);
        }
    }

    /// <summary>Sieves bytes [start, end) of the virtual bitmap into <paramref name="window"/>, which stands in for them.</summary>
    private static unsafe void SieveWindow(SieveConfig config, WheelPrimes small, WheelPrimes medium, byte[] window, ulong firstByte, uint start, uint end)
    {
        fixed (byte* w = window)
        {
            SegmentSieve.SieveBlock(config, small, medium, w - start, firstByte, start, end);
        }
    }

    /// <summary>
    /// Appends the primes of words [first, words) of <paramref name="window"/> to <paramref name="primes"/> until
    /// fewer than 64 slots are left; returns the next word to decode. Kept out of the iterator, whose locals
    /// live on the heap.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe int Decode(byte[] window, int first, int words, ulong windowBase, uint[] primes, ref int filled)
    {
        fixed (byte* bits = window)
        fixed (uint* destination = primes)
        fixed (byte* offsets = Wheel.WordBitOffset)
        {
            var count = filled;
            var w = first;
            for (; w < words && count <= primes.Length - 64; w++)
            {
                var word = ((ulong*)bits)[w];
                var wordBase = (uint)(windowBase + (ulong)w * 8 * Wheel.Modulus);
                while (word != 0)
                {
                    destination[count++] = wordBase + offsets[BitOperations.TrailingZeroCount(word)];
                    word &= word - 1;
                }
            }

            filled = count;
            return w;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static uint[] BuildCache()
    {
        var composite = new bool[CacheLimit / 2 + 1];
        for (uint i = 3; i * i <= CacheLimit; i += 2)
        {
            if (!composite[i / 2])
            {
                for (var j = i * i; j <= CacheLimit; j += 2 * i)
                {
                    composite[j / 2] = true;
                }
            }
        }

        var primes = new List<uint>(300_000);
        for (uint n = 7; n <= CacheLimit; n += 2)
        {
            if (!composite[n / 2])
            {
                primes.Add(n);
            }
        }

        return primes.ToArray();
    }
}
