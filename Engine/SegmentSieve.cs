namespace PrimeFunctions.Engine;

/// <summary>Segmented sieve of Eratosthenes on the mod-30 wheel, for any range of 64-bit integers.</summary>
/// <remarks>
/// The range's bitmap is processed in L2-sized blocks (<see cref="SieveConfig"/>): each block starts from the
/// pre-sieved image, then the small primes cross off in L1-sized chunks and the medium primes over the whole
/// block, while the block is still in cache. Primes above the medium limit (the block size in bytes) have less
/// than one multiple per progression per block, so they are left to the bucket sieve, batch by batch, after the
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
        using var small = SmallPrimes(config, low, high, length);
        using var medium = MediumPrimes(config, low, high, length);

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
    internal static unsafe void SieveBlock(SieveConfig config, ProgressionSet small, ProgressionSet medium, byte* origin, ulong firstByte, uint start, uint end)
    {
        PreSieve.Fill(new Span<byte>(origin + start, (int)(end - start)), firstByte + start);
        EratSmall.CrossOff(small, origin, start, end, config.ChunkBytes);
        EratMedium.CrossOff(medium, origin, end);
    }

    /// <summary>The sieving primes above the pre-sieve up to the small limit (and √high), as progressions over the bitmap of [low, high].</summary>
    internal static ProgressionSet SmallPrimes(SieveConfig config, ulong low, ulong high, uint length) =>
        Progressions(PreSieve.MaxPrime, config.SmallLimit, low, high, length);

    /// <summary>The sieving primes above the small limit up to the block size (and √high), as progressions over the bitmap of [low, high].</summary>
    internal static ProgressionSet MediumPrimes(SieveConfig config, ulong low, ulong high, uint length) =>
        Progressions(config.SmallLimit, config.MediumLimit, low, high, length);

    private static ProgressionSet Progressions(uint above, uint upTo, ulong low, ulong high, uint length)
    {
        var primes = SievingPrimes.UpTo(Math.Min(IntegerSquareRoot(high), upTo));
        return new ProgressionSet(primes[CountBelowOrEqual(primes, above)..], low, high, length);
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
