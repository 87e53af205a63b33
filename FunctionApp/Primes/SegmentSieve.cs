namespace PrimeFunctions.Primes;

/// <summary>Segmented sieve of Eratosthenes on the mod-30 wheel, for any range of 64-bit integers.</summary>
/// <remarks>
/// The range's bitmap is processed in L2-sized blocks: each block starts from the pre-sieved image, then the
/// small primes cross off in L1-sized chunks and the medium primes over the whole block, while the block is
/// still in cache. Primes above <see cref="MediumLimit"/> hit a block less than about once, so they are left
/// to the bucket sieve, batch by batch, after the blocks are done, unless the range is so narrow that testing
/// the few survivors one by one is cheaper (<see cref="SurvivorTest"/>).
/// </remarks>
public static class SegmentSieve
{
    /// <summary>Largest width (high - low) one call accepts, minus one.</summary>
    public const ulong MaxWidth = 1ul << 34;

    private const int BlockShift = 20;
    private const uint ChunkBytes = 1u << 15;
    private const uint SmallLimit = ChunkBytes / 4;
    private const uint MediumLimit = 1u << BlockShift;
    private const int BigBatch = 1 << 21;

    /// <summary>Sieves [low, high] (both inclusive) into the wheel bitmap; high - low must be below 2^34.</summary>
    public static WheelBitmap Sieve(ulong low, ulong high)
    {
        if (low > high)
        {
            throw new ArgumentOutOfRangeException(nameof(high), high, "high must not be below low.");
        }

        if (high - low >= MaxWidth)
        {
            throw new ArgumentOutOfRangeException(nameof(high), high, "high - low must be below 2^34.");
        }

        return new WheelBitmap(low, high, SieveBits(low, high));
    }

    /// <summary>
    /// Sieves [low, high] into a padded wheel bitmap, reusing <paramref name="reuse"/> when it is large enough.
    /// <paramref name="testSurvivors"/> lets narrow ranges under large numbers skip the bucket sieve (tests turn it off to cover that path).
    /// </summary>
    internal static byte[] SieveBits(ulong low, ulong high, byte[]? reuse = null, bool testSurvivors = true)
    {
        var baseValue = low - low % Wheel.Modulus;
        var length = (uint)((high - baseValue) / Wheel.Modulus + 1);
        var padded = WheelBitmap.PaddedLength(length);
        var bits = reuse is not null && reuse.Length >= padded ? reuse : GC.AllocateUninitializedArray<byte>(padded);
        bits.AsSpan((int)length, padded - (int)length).Clear();

        var root = IntegerSquareRoot(high);
        var cached = SievingPrimes.UpTo(Math.Min(root, MediumLimit));
        var smallCount = CountBelowOrEqual(cached, SmallLimit);
        var presieved = CountBelowOrEqual(cached, PreSieve.MaxPrime);
        using var small = new ProgressionSet(cached[presieved..smallCount], low, high, length);
        using var medium = new ProgressionSet(cached[smallCount..], low, high, length);

        var blockBytes = 1u << BlockShift;
        for (uint start = 0; start < length; start += blockBytes)
        {
            var end = Math.Min(length, start + blockBytes);
            PreSieve.Fill(bits.AsSpan((int)start, (int)(end - start)), baseValue / Wheel.Modulus + start);
            EratSmall.CrossOff(small, bits, start, end, ChunkBytes);
            EratMedium.CrossOff(medium, bits, end);
        }

        ClearOutsideRange(bits, low, high, baseValue, length);
        if (root > MediumLimit)
        {
            if (testSurvivors && SurvivorTest.IsCheaperThanBucketSieve(low, high, root))
            {
                SurvivorTest.ClearComposites(bits, length, baseValue);
            }
            else
            {
                using var big = new EratBig(low, high, length, BlockShift, BigBatch);
                foreach (var batch in SievingPrimes.Batches(MediumLimit + 1, root, BigBatch))
                {
                    big.Add(batch);
                    big.CrossOff(bits);
                }
            }
        }

        RestorePreSievedPrimes(bits, low, high, baseValue);
        return bits;
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

    private static void ClearOutsideRange(byte[] bits, ulong low, ulong high, ulong baseValue, uint length)
    {
        bits[0] &= Wheel.MaskFrom((int)(low - baseValue));
        if (baseValue == 0)
        {
            bits[0] &= unchecked((byte)~1);
        }

        bits[length - 1] &= Wheel.MaskUpTo((int)((high - baseValue) % Wheel.Modulus));
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
