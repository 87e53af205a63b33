using PrimeFunctions.Engine;

using PrimeFunctions.Tests.Fixtures;

namespace PrimeFunctions.Engine.Tests;

/// <summary>Ranges that are costly to sieve (all primes below 2^32 are needed at the top of the domain), sieved once per test run.</summary>
/// <remarks>
/// The top of the domain is sieved with the bucket sieve even though the engine would test survivors with
/// <see cref="Primality"/> for so narrow a range: tests that compare primality with the sieve need a sieve that
/// does not use it.
/// </remarks>
internal static class SieveFixtures
{
    public const ulong TopLow = ulong.MaxValue - 99_999;

    private static readonly Lazy<WheelBitmap> Top = new(() => SieveWithoutPrimalityTests(TopLow, ulong.MaxValue));

    private static readonly Lazy<List<ulong>> TopNaive = new(() => NaivePrimes.PrimesIn(TopLow, ulong.MaxValue));

    /// <summary>[2^64 − 10^5, 2^64 − 1], by the bucket sieve.</summary>
    public static WheelBitmap TopOfDomain => Top.Value;

    public static List<ulong> TopOfDomainPrimes => TopNaive.Value;

    /// <summary>The smallest chunk and block the engine supports (8 KiB, 64 KiB): every path crosses many block boundaries.</summary>
    public static SieveConfig SmallCaches { get; } = SieveConfig.FromCacheSizes(new CacheSizes(8 << 10, 32 << 10));

    /// <summary>The wheel bitmap of [low, high] from sieving alone, whatever the range's width.</summary>
    public static WheelBitmap SieveWithoutPrimalityTests(ulong low, ulong high, SieveConfig? config = null) =>
        new(low, high, SegmentSieve.SieveBits(low, high, config ?? SieveConfig.Machine, testSurvivors: false));

    public static List<ulong> Decode(WheelBitmap bitmap)
    {
        var primes = new List<ulong>();
        var buffer = new ulong[1000];
        var position = bitmap.Low;
        int written;
        while ((written = bitmap.WritePrimes(ref position, bitmap.High, buffer)) > 0)
        {
            primes.AddRange(buffer.Take(written));
        }

        return primes;
    }
}
