namespace PrimeFunctions.Primes;

/// <summary>Supplies the sieving primes up to √high: a shared cache of the small ones, batches of the rest.</summary>
/// <remarks>
/// Every segment needs the same small sieving primes, so those up to <see cref="CacheLimit"/> (enough for any
/// segment below 2^44) are computed once per process by a plain odd-only sieve and shared read-only. Above
/// that, a segment near 2^64 needs the ~203 million primes below 2^32; holding them would cost 800 MB, so
/// they are produced a window at a time by the segmented sieve itself (whose own sieving primes are always
/// in the cache) and handed over in batches that the caller consumes before asking for the next.
/// </remarks>
internal static class SievingPrimes
{
    public const uint CacheLimit = 1u << 22;

    private const ulong WindowWidth = 30ul << 18;

    private static readonly Lazy<uint[]> Cache = new(BuildCache);

    /// <summary>Primes p with 7 &lt;= p &lt;= <paramref name="limit"/>, limit at most <see cref="CacheLimit"/>.</summary>
    public static ReadOnlySpan<uint> UpTo(uint limit)
    {
        var cache = Cache.Value;
        var end = Array.BinarySearch(cache, limit);
        end = end >= 0 ? end + 1 : ~end;
        return cache.AsSpan(0, end);
    }

    /// <summary>Primes in [from, to] (to &lt; 2^32), in ascending batches of at most <paramref name="batchSize"/>; each batch is valid until the next is requested.</summary>
    public static IEnumerable<ArraySegment<uint>> Batches(uint from, uint to, int batchSize)
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
        var window = Array.Empty<byte>();
        while (start <= to)
        {
            var end = Math.Min(to, start + WindowWidth - 1);
            window = SegmentSieve.SieveBits(start, end, window);
            var windowBase = start - start % Wheel.Modulus;
            var words = (int)(((end - windowBase) / Wheel.Modulus + 8) / 8);
            for (var w = 0; w < words; w++)
            {
                if (filled > batchSize - 64)
                {
                    yield return new ArraySegment<uint>(buffer, 0, filled);
                    filled = 0;
                }

                filled += DecodeWord(BitConverter.ToUInt64(window, w * 8), windowBase + (ulong)w * 8 * Wheel.Modulus, buffer.AsSpan(filled));
            }

            start = end + 1;
        }

        if (filled > 0)
        {
            yield return new ArraySegment<uint>(buffer, 0, filled);
        }
    }

    private static int DecodeWord(ulong word, ulong wordBase, Span<uint> destination)
    {
        var count = 0;
        while (word != 0)
        {
            destination[count++] = (uint)(wordBase + Wheel.WordBitOffset[System.Numerics.BitOperations.TrailingZeroCount(word)]);
            word &= word - 1;
        }

        return count;
    }

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
