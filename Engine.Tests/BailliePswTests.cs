using System.Globalization;
using System.Numerics;
using PrimeFunctions.Engine.Gmp;
using PrimeFunctions.Tests.Fixtures;

namespace PrimeFunctions.Engine.Tests;

/// <summary>
/// Baillie–PSW through GMP and in managed code: both paths against the pseudoprime lists, Mersenne primes and
/// Mersenne composites, and against GMP's own <c>mpz_probab_prime_p</c> as an independent implementation.
/// </summary>
public sealed class BailliePswTests
{
    public static TheoryData<bool> BothPaths => new(true, false);

    // The Mersenne prime exponents from 521 to 4423, and prime exponents near them whose Mersenne numbers are
    // composite: every 2^p − 1 with p prime is a strong pseudoprime to base 2, so only the Lucas test rejects them.
    private static readonly int[] MersennePrimeExponents = [521, 607, 1279, 2203, 2281, 3217, 4253, 4423];
    private static readonly int[] MersenneCompositeExponents = [523, 541, 613, 1283, 2207, 2287, 3221, 4259];

    [Fact]
    public void GMP_is_present_on_this_machine()
    {
        Assert.True(BailliePsw.GmpAvailable, "libgmp.so.10 did not load: the native path is untested.");
        Assert.StartsWith("gmp 6.", BailliePsw.Implementation(allowGmp: true), StringComparison.Ordinal);
        Assert.Equal("managed", BailliePsw.Implementation(allowGmp: false));
    }

    [Theory]
    [MemberData(nameof(BothPaths))]
    public void Strong_base_2_pseudoprimes_are_composite(bool gmp) =>
        AssertAllComposite(ReferenceData.Read("strong-pseudoprimes-base2-below-1e7.txt"), gmp);

    [Theory]
    [MemberData(nameof(BothPaths))]
    public void Carmichael_numbers_are_composite(bool gmp) =>
        AssertAllComposite(ReferenceData.Read("carmichael-below-1e7.txt"), gmp);

    [Theory]
    [MemberData(nameof(BothPaths))]
    public void Strong_Lucas_pseudoprimes_are_composite(bool gmp) =>
        AssertAllComposite(ReferenceData.Read("strong-lucas-pseudoprimes-selfridge-below-1e6.txt"), gmp);

    [Fact]
    public void GMP_path_halves_each_fail_on_their_own_pseudoprimes()
    {
        // Each list fools the half it is named for, so rejecting them shows the other half ran.
        foreach (var n in ReferenceData.Read("strong-pseudoprimes-base2-below-1e7.txt"))
        {
            using var value = GmpInteger.FromUnsigned(n);
            Assert.True(GmpBailliePsw.IsStrongProbablePrimeBase2(value, default, null), $"{n}");
        }

        foreach (var n in ReferenceData.Read("strong-lucas-pseudoprimes-selfridge-below-1e6.txt"))
        {
            using var value = GmpInteger.FromUnsigned(n);
            Assert.True(GmpBailliePsw.IsStrongLucasProbablePrime(value, default, null), $"{n}");
        }
    }

    [Theory]
    [MemberData(nameof(BothPaths))]
    public void Mersenne_primes_are_probable_primes(bool gmp) =>
        Assert.All(MersennePrimeExponents, p => Assert.True(BailliePsw.IsProbablePrime(Mersenne(p), gmp), $"2^{p} - 1"));

    [Theory]
    [MemberData(nameof(BothPaths))]
    public void Mersenne_composites_are_composite(bool gmp) =>
        Assert.All(MersenneCompositeExponents, p => Assert.False(BailliePsw.IsProbablePrime(Mersenne(p), gmp), $"2^{p} - 1"));

    [Theory]
    [MemberData(nameof(BothPaths))]
    public void Products_of_Mersenne_primes_are_composite(bool gmp)
    {
        var m521 = (BigInteger.One << 521) - 1;
        var m607 = (BigInteger.One << 607) - 1;
        Assert.False(BailliePsw.IsProbablePrime(Decimal(m521 * m607), gmp));
        Assert.False(BailliePsw.IsProbablePrime(Decimal(m521 * m521), gmp));
    }

    [Fact]
    public void Both_paths_agree_with_GMPs_own_test_on_random_odd_integers()
    {
        var random = new Random(20261207);
        var primes = 0;
        for (var i = 0; i < 600; i++)
        {
            var bytes = new byte[random.Next(9, 60)];
            random.NextBytes(bytes);
            bytes[0] |= 1;
            var n = new BigInteger(bytes, isUnsigned: true);
            using var value = GmpInteger.FromBigInteger(n);
            var reference = GmpNative.ProbablePrime(value.Pointer, 24) > 0;
            primes += reference ? 1 : 0;
            Assert.Equal(reference, BailliePsw.IsProbablePrime(Decimal(n), allowGmp: true));
            Assert.Equal(reference, BailliePsw.IsProbablePrime(Decimal(n), allowGmp: false));
        }

        Assert.InRange(primes, 5, 100);
    }

    [Theory]
    [MemberData(nameof(BothPaths))]
    public void Small_integers_are_classified_as_the_naive_test_does(bool gmp)
    {
        for (ulong n = 0; n < 3_000; n++)
        {
            Assert.Equal(NaivePrimes.IsPrime(n), BailliePsw.IsProbablePrime(n.ToString(CultureInfo.InvariantCulture), gmp));
        }
    }

    [Theory]
    [MemberData(nameof(BothPaths))]
    public void A_cancelled_test_stops_promptly_mid_test_and_had_reported_its_progress(bool gmp)
    {
        // 2^19937 − 1: about 20 s on the managed path, 3 s through GMP. Cancelled once the test reports its first step
        // (not after a fixed time: on a machine busy with other tests it may not have started by then), it must stop
        // within the bound, short of its last step.
        var progress = new PrimalityProgress();
        using var cancellation = new CancellationTokenSource();
        var test = Task.Run(() => BailliePsw.IsProbablePrime(Mersenne(19937), gmp, cancellation.Token, progress));
        for (var waited = System.Diagnostics.Stopwatch.StartNew(); progress.Done == 0 && !test.IsCompleted && waited.Elapsed < TimeSpan.FromSeconds(30);)
        {
            Thread.Sleep(1);
        }

        var cancelled = System.Diagnostics.Stopwatch.StartNew();
        cancellation.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => test.GetAwaiter().GetResult());
        Assert.InRange(cancelled.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(2.5));
        Assert.NotEqual(PrimalityPhase.TrialDivision, progress.Phase);
        Assert.InRange(progress.Done, 1, progress.Total - 1);
    }

    private static string Mersenne(int p) => Decimal((BigInteger.One << p) - 1);

    private static string Decimal(BigInteger n) => n.ToString(CultureInfo.InvariantCulture);

    private static void AssertAllComposite(IReadOnlyList<ulong> numbers, bool gmp) =>
        Assert.All(numbers, n => Assert.False(BailliePsw.IsProbablePrime(n.ToString(CultureInfo.InvariantCulture), gmp), $"{n}"));
}
