using System.Numerics;
using FsCheck;
using FsCheck.Xunit;
using PrimeFunctions.Engine;

using PrimeFunctions.Tests.Fixtures;

namespace PrimeFunctions.Engine.Tests;

public sealed class PrimalityTests
{
    [Property(MaxTest = 20)]
    public void IsPrime_agrees_with_the_sieve_on_every_integer_of_a_window(DoNotSize<ulong> startArgument)
    {
        var start = startArgument.Item;
        var low = start % 1_000_000_000_000_000;
        var high = low + 20_000;
        var bitmap = SieveFixtures.SieveWithoutPrimalityTests(low, high);
        for (var n = low; n <= high; n++)
        {
            Assert.Equal(bitmap.CountRange(n, n) == 1, Primality.IsPrime(n));
        }
    }

    [Fact]
    public void IsPrime_agrees_with_the_sieve_at_the_top_of_the_domain()
    {
        var bitmap = SieveFixtures.TopOfDomain;
        for (var n = bitmap.Low; n != 0; n++)
        {
            Assert.Equal(bitmap.CountRange(n, n) == 1, Primality.IsPrime(n));
        }
    }

    [Property(MaxTest = 2000)]
    public void IsPrime_agrees_with_the_naive_test_on_random_64_bit_integers(DoNotSize<ulong> nArgument)
    {
        var n = nArgument.Item;
        Assert.Equal(NaivePrimes.IsPrime(n), Primality.IsPrime(n));
        Assert.Equal(NaivePrimes.IsPrime(n | 1), Primality.IsPrime(n | 1));
    }

    [Fact]
    public void IsPrime_rejects_every_strong_pseudoprime_to_base_2()
    {
        var pseudoprimes = ReferenceData.Read("strong-pseudoprimes-base2-below-1e7.txt");
        Assert.Equal(162, pseudoprimes.Count);
        Assert.All(pseudoprimes, n => Assert.True(Primality.IsStrongProbablePrime(n, 2)));
        Assert.All(pseudoprimes, n => Assert.False(Primality.IsPrime(n)));
        Assert.All(pseudoprimes, n => Assert.False(Primality.IsProbablePrime(n)));
    }

    [Fact]
    public void Carmichael_numbers_are_composite()
    {
        var carmichael = ReferenceData.Read("carmichael-below-1e7.txt");
        Assert.Equal(105, carmichael.Count);
        Assert.All(carmichael, n => Assert.False(Primality.IsPrime(n)));
        Assert.All(carmichael, n => Assert.False(Primality.IsProbablePrime(n)));
    }

    [Fact]
    public void IsProbablePrime_rejects_every_strong_Lucas_pseudoprime()
    {
        var pseudoprimes = ReferenceData.Read("strong-lucas-pseudoprimes-selfridge-below-1e6.txt");
        Assert.Equal(58, pseudoprimes.Count);
        Assert.All(pseudoprimes, n => Assert.True(Primality.IsStrongLucasProbablePrime(n)));
        Assert.All(pseudoprimes, n => Assert.False(Primality.IsProbablePrime(n)));
    }

    [Fact]
    public void Strong_Lucas_test_finds_exactly_the_listed_pseudoprimes_below_ten_thousand()
    {
        var listed = ReferenceData.Read("strong-lucas-pseudoprimes-selfridge-below-1e6.txt").Where(n => n < 10_000).ToHashSet();
        for (ulong n = 5; n < 10_000; n += 2)
        {
            var expected = NaivePrimes.IsPrime(n) || listed.Contains(n);
            Assert.Equal(expected, Primality.IsStrongLucasProbablePrime(n));
        }
    }

    [Theory]
    [InlineData(61)]
    [InlineData(89)]
    [InlineData(107)]
    [InlineData(127)]
    [InlineData(521)]
    [InlineData(607)]
    [InlineData(1279)]
    public void Mersenne_primes_are_probable_primes(int exponent)
    {
        Assert.True(Primality.IsProbablePrime((BigInteger.One << exponent) - 1));
    }

    [Theory]
    [InlineData("340282366920938463463374607431768211457")]
    [InlineData("147573952589676412927")]
    [InlineData("4294967297")]
    [InlineData("18446744073709551617")]
    public void Known_composites_are_not_probable_primes(string n)
    {
        Assert.False(Primality.IsProbablePrime(BigInteger.Parse(n, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Products_of_two_large_primes_are_not_probable_primes()
    {
        var m61 = (BigInteger.One << 61) - 1;
        var m89 = (BigInteger.One << 89) - 1;
        var m127 = (BigInteger.One << 127) - 1;
        Assert.False(Primality.IsProbablePrime(m61 * m89));
        Assert.False(Primality.IsProbablePrime(m127 * m127));
        Assert.False(Primality.IsProbablePrime(m89 * m127));
    }

    [Fact]
    public void Small_integers_are_classified_correctly()
    {
        for (ulong n = 0; n < 20_000; n++)
        {
            Assert.Equal(NaivePrimes.IsPrime(n), Primality.IsPrime(n));
            Assert.Equal(NaivePrimes.IsPrime(n), Primality.IsProbablePrime(n));
        }
    }

    [Theory]
    [InlineData(18446744073709551557ul, true)]
    [InlineData(18446744073709551615ul, false)]
    [InlineData(4294967291ul, true)]
    [InlineData(4759123141ul, false)]
    [InlineData(3825123056546413051ul, false)]
    public void Boundary_values_are_classified_correctly(ulong n, bool prime)
    {
        Assert.Equal(prime, Primality.IsPrime(n));
        Assert.Equal(prime, Primality.IsProbablePrime(n));
    }
}
