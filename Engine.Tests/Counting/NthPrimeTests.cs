using PrimeFunctions.Engine.Counting;

namespace PrimeFunctions.Engine.Tests.Counting;

public sealed class NthPrimeTests
{
    [Fact]
    public void Equals_a_plain_sieve_for_the_first_two_million_primes_sampled()
    {
        var primes = NaivePrimeCounts.Primes;
        var random = new Random(2);
        var ns = new List<int> { 1, 2, 3, 4, 5, 6, 25, 168, 169, primes.Count };
        for (var i = 0; i < 60; i++)
        {
            ns.Add(1 + random.Next(primes.Count));
        }

        foreach (var n in ns)
        {
            Assert.True(primes[n - 1] == NthPrime.Find((ulong)n), $"prime number {n}");
        }
    }

    [Theory]
    [InlineData(1_000_000ul, 15485863ul)]
    [InlineData(1_000_000_000ul, 22801763489ul)]
    [InlineData(1_000_000_000_000ul, 29996224275833ul)]
    public void Finds_the_published_nth_primes(ulong n, ulong expected)
    {
        Assert.Equal(expected, NthPrime.Find(n));
    }

    [PrimecountFact]
    public void Equals_primecount_at_a_random_n_in_two_decades()
    {
        var random = new Random(11);
        foreach (var exponent in new[] { 8, 10 })
        {
            var low = PrimeCountTests.Pow10(exponent);
            var n = low + (ulong)random.NextInt64((long)(low * 9));
            Assert.True(PrimecountProcess.NthPrime(n) == NthPrime.Find(n), $"prime number {n}");
        }
    }

    [Fact]
    public void Refuses_zero_and_n_past_the_last_64_bit_prime()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => NthPrime.Find(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => NthPrime.Find(NthPrime.MaxN + 1));
    }
}
