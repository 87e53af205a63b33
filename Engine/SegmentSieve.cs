using System.Buffers;
using System.Numerics;
using System.Runtime.InteropServices;

namespace PrimeFunctions.Engine;

/// <summary>Segmented sieve of Eratosthenes on the mod-30 wheel, for any range of 64-bit integers.</summary>
/// <remarks>
/// The range's bitmap is processed in blocks of twice the L2 (<see cref="SieveConfig"/>): each L1-sized chunk of a
/// block starts from the pre-sieved images and is crossed off by the small primes while in L1, then the medium primes
/// cross off the whole block. Primes above the medium limit (the block size in bytes) have less
/// than one turn of the wheel per block, so they are left to the bucket sieve, batch by batch, after the
/// blocks are done, unless the range is so narrow that testing the few survivors one by one is cheaper
/// (<see cref="SurvivorTest"/>). Memory is the bitmap itself, 1/30 byte per integer (3.3 MB for a 10^8
/// segment), plus at most about 40 MB of sieving state anywhere in the domain: one batch of bucket entries,
/// the batch of primes being filed, and one block-sized window of the sieving-prime generator.
/// </remarks>
public static class SegmentSieve
{
    /// <summary>Largest width (high - low) one call accepts, minus one.</summary>
    public const ulong MaxWidth = 1ul << 34;

    /// <summary>Sieves [low, high] (both inclusive) into the wheel bitmap; high - low must be below 2^34.</summary>
    public static WheelBitmap Sieve(ulong low, ulong high) => Sieve(low, high, SieveConfig.Machine);

    /// <summary>Sieves [low, high] with the chunk and block sizes of <paramref name="config"/> rather than this machine's.</summary>
    internal static WheelBitmap Sieve(ulong low, ulong high, SieveConfig config)
    {
        if (low > high)
        {
            throw new ArgumentOutOfRangeException(nameof(high), high, "high must not be below low.");
        }

        if (high - low >= MaxWidth)
        {
            throw new ArgumentOutOfRangeException(nameof(high), high, "high - low must be below 2^34.");
        }

        return new WheelBitmap(low, high, SieveBits(low, high, config));
    }

    /// <summary>The number of primes in [low, high] (both inclusive); high - low must be below 2^34.</summary>
    /// <remarks>
    /// Where no prime needs the bucket sieve (√high up to the block size: high below 2^40 with 1 MiB blocks), the
    /// blocks are sieved one after another into one block-sized buffer and counted there, so that no bitmap is
    /// kept: the whole of [0, 10^10] takes one block instead of 333 MB, and every block is counted while it is in cache.
    /// Above that, the bucket sieve crosses off batch by batch over the whole range, so the bitmap is kept and counted.
    /// </remarks>
    public static long Count(ulong low, ulong high) => Count(low, high, SieveConfig.Machine);

    /// <summary>Counts the primes in [low, high] with the chunk and block sizes of <paramref name="config"/>.</summary>
    internal static unsafe long Count(ulong low, ulong high, SieveConfig config)
    {
        if (low > high || high - low >= MaxWidth || IntegerSquareRoot(high) > config.MediumLimit)
        {
            return Sieve(low, high, config).Count;
        }

        var baseValue = low - low % Wheel.Modulus;
        var length = (uint)((high - baseValue) / Wheel.Modulus + 1);
        var block = ArrayPool<byte>.Shared.Rent((int)Math.Min(length, config.BlockBytes));
        try
        {
            using var small = SmallPrimes(config, low, high);
            using var medium = MediumPrimes(config, low, high);
            long count = 0;
            fixed (byte* window = block)
            {
                for (uint start = 0; start < length; start += config.BlockBytes)
                {
                    var end = Math.Min(length, start + config.BlockBytes);
                    SieveBlock(config, small, medium, window - start, baseValue / Wheel.Modulus, start, end);
                    var bytes = block.AsSpan(0, (int)(end - start));
                    if (start == 0)
                    {
                        bytes[0] &= FirstByteMask(low, baseValue);
                    }

                    if (end == length)
                    {
                        bytes[^1] &= LastByteMask(high, baseValue);
                    }

                    count += PopCount(bytes);
                }
            }

            return count + CountIn(Wheel.OffWheelPrimes, low, high) + CountIn(PreSieve.Primes, low, high);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(block);
        }
    }

    /// <summary>
    /// Sieves [low, high] into a padded wheel bitmap. <paramref name="testSurvivors"/> lets narrow ranges under
    /// large numbers skip the bucket sieve (tests turn it off to cover that path).
    /// </summary>
    internal static unsafe byte[] SieveBits(ulong low, ulong high, SieveConfig config, bool testSurvivors = true)
    {
        var baseValue = low - low % Wheel.Modulus;
        var length = (uint)((high - baseValue) / Wheel.Modulus + 1);
        var padded = WheelBitmap.PaddedLength(length);
        var bits = GC.AllocateUninitializedArray<byte>(padded);
        bits.AsSpan((int)length, padded - (int)length).Clear();

        var root = IntegerSquareRoot(high);
        using var small = SmallPrimes(config, low, high);
        using var medium = MediumPrimes(config, low, high);

        fixed (byte* origin = bits)
        {
            for (uint start = 0; start < length; start += config.BlockBytes)
            {
                SieveBlock(config, small, medium, origin, baseValue / Wheel.Modulus, start, Math.Min(length, start + config.BlockBytes));
            }
        }

        ClearOutsideRange(bits, low, high, baseValue, length);
        if (root > config.MediumLimit)
        {
            if (testSurvivors && SurvivorTest.IsCheaperThanBucketSieve(low, high, root))
            {
                SurvivorTest.ClearComposites(bits, length, baseValue);
            }
            else
            {
                using var big = new EratBig(low, high, length, config.BlockShift, SieveConfig.BucketBatch);
                foreach (var batch in SievingPrimes.Batches(config, config.MediumLimit + 1, root, SieveConfig.BucketBatch))
                {
                    big.Add(batch);
                    big.CrossOff(bits);
                }
            }
        }

        RestorePreSievedPrimes(bits, low, high, baseValue);
        return bits;
    }

    /// <summary>
    /// Sieves bytes [start, end) of a bitmap whose byte 0 is at <paramref name="origin"/> and is wheel byte
    /// number <paramref name="firstByte"/>: pre-sieve, then small and medium primes. Only [start, end) needs to
    /// be backed by memory, so a sliding window can stand in for the whole bitmap.
    /// </summary>
    /// <remarks>
    /// The small primes have many multiples in every L1-sized chunk, so each chunk is pre-sieved and crossed off by
    /// them while it is in L1; the medium primes have a few per L2-sized block, and cross off the whole block at once
    /// while it is in L2. Both use the same loop (<see cref="WheelCrossing"/>); only how often its set-up is paid differs.
    /// </remarks>
    internal static unsafe void SieveBlock(SieveConfig config, WheelPrimes small, WheelPrimes medium, byte* origin, ulong firstByte, uint start, uint end)
    {
        for (var chunk = start; chunk < end; chunk += config.ChunkBytes)
        {
            var chunkEnd = Math.Min(end, chunk + config.ChunkBytes);
            PreSieve.Fill(new Span<byte>(origin + chunk, (int)(chunkEnd - chunk)), firstByte + chunk);
            WheelCrossing.CrossOff(small, origin, chunkEnd);
        }

        WheelCrossing.CrossOff(medium, origin, end);
    }

    /// <summary>The sieving primes above the pre-sieve up to the small limit (and √high), with their first multiples in the bitmap of [low, high].</summary>
    internal static WheelPrimes SmallPrimes(SieveConfig config, ulong low, ulong high) =>
        SievingSet(PreSieve.MaxPrime, config.SmallLimit, low, high);

    /// <summary>The sieving primes above the small limit up to the block size (and √high), with their first multiples in the bitmap of [low, high].</summary>
    internal static WheelPrimes MediumPrimes(SieveConfig config, ulong low, ulong high) =>
        SievingSet(config.SmallLimit, config.MediumLimit, low, high);

    private static WheelPrimes SievingSet(uint above, uint upTo, ulong low, ulong high)
    {
        var primes = SievingPrimes.UpTo(Math.Min(IntegerSquareRoot(high), upTo));
        return new WheelPrimes(primes[CountBelowOrEqual(primes, above)..], low);
    }

    private static uint IntegerSquareRoot(ulong n)
    {
        var root = Math.Min((ulong)Math.Sqrt(n), uint.MaxValue);
        while (root * root > n)
        {
            root--;
        }

        while (root < uint.MaxValue && (root + 1) * (root + 1) <= n)
        {
            root++;
        }

        return (uint)root;
    }

    private static int CountBelowOrEqual(ReadOnlySpan<uint> sortedPrimes, uint limit)
    {
        var index = sortedPrimes.BinarySearch(limit);
        return index >= 0 ? index + 1 : ~index;
    }

    /// <summary>How many of <paramref name="primes"/> lie in [low, high]: for the primes no bit of a sieved block stands for.</summary>
    private static long CountIn(ReadOnlySpan<byte> primes, ulong low, ulong high)
    {
        long count = 0;
        foreach (var p in primes)
        {
            if (p >= low && p <= high)
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>The bits of the first byte that lie in the range: from low on, and never 1.</summary>
    private static byte FirstByteMask(ulong low, ulong baseValue) =>
        (byte)(Wheel.MaskFrom((int)(low - baseValue)) & (baseValue == 0 ? unchecked((byte)~1) : 0xFF));

    /// <summary>The bits of the last byte that lie in the range: up to high.</summary>
    private static byte LastByteMask(ulong high, ulong baseValue) => Wheel.MaskUpTo((int)((high - baseValue) % Wheel.Modulus));

    private static long PopCount(ReadOnlySpan<byte> bytes)
    {
        long count = 0;
        var words = MemoryMarshal.Cast<byte, ulong>(bytes);
        foreach (var word in words)
        {
            count += BitOperations.PopCount(word);
        }

        foreach (var b in bytes[(words.Length * sizeof(ulong))..])
        {
            count += BitOperations.PopCount(b);
        }

        return count;
    }

    private static void ClearOutsideRange(byte[] bits, ulong low, ulong high, ulong baseValue, uint length)
    {
        bits[0] &= FirstByteMask(low, baseValue);
        bits[length - 1] &= LastByteMask(high, baseValue);
    }

    private static void RestorePreSievedPrimes(byte[] bits, ulong low, ulong high, ulong baseValue)
    {
        foreach (var p in PreSieve.Primes)
        {
            if (p >= low && p <= high)
            {
                bits[(p - baseValue) / Wheel.Modulus] |= (byte)(1 << Wheel.BitOfResidue[p % Wheel.Modulus]);
            }
        }
    }
}
