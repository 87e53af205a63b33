using FsCheck;
using FsCheck.Xunit;
using PrimeFunctions.Engine;
using PrimeFunctions.Tests.Fixtures;

namespace PrimeFunctions.Engine.Tests;

public sealed class TextLayoutTests
{
    // Ranges around the powers of ten the naive sieve reaches, where a line grows by one byte.
    private static readonly ulong[] Edges = [0, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000];

    [Property(MaxTest = 60)]
    public void Length_and_Locate_match_the_naive_text(DoNotSize<uint> edgeArgument, DoNotSize<uint> widthArgument, DoNotSize<uint> offsetArgument)
    {
        var (low, high) = RangeAround(edgeArgument.Item, widthArgument.Item);
        var bitmap = SegmentSieve.Sieve(low, high);
        var text = NaivePrimes.Text(NaivePrimes.PrimesIn(low, high));

        Assert.Equal(text.Length, TextLayout.Length(bitmap, low, high));
        if (text.Length > 0)
        {
            var offset = (int)(offsetArgument.Item % text.Length);
            var (prime, skip) = TextLayout.Locate(bitmap, low, high, offset);
            var line = System.Text.Encoding.ASCII.GetBytes($"{prime}\n");
            Assert.True(NaivePrimes.IsPrime(prime));
            Assert.Equal(text.AsSpan(offset - skip, line.Length).ToArray(), line);
        }
    }

    [Property(MaxTest = 40)]
    public void Length_from_count_is_known_exactly_when_the_range_has_one_digit_count(DoNotSize<uint> edgeArgument, DoNotSize<uint> widthArgument)
    {
        var (low, high) = RangeAround(edgeArgument.Item, widthArgument.Item);
        var primes = NaivePrimes.PrimesIn(low, high);

        var known = TextLayout.TryLengthFromCount(low, high, primes.Count, out var bytes);

        Assert.Equal(low.ToString().Length == high.ToString().Length, known);
        if (known)
        {
            Assert.Equal(NaivePrimes.Text(primes).Length, bytes);
        }
    }

    [Fact]
    public void Locate_at_the_top_of_the_domain_finds_the_largest_prime()
    {
        var bitmap = SieveFixtures.TopOfDomain;
        var length = TextLayout.Length(bitmap, bitmap.Low, bitmap.High);

        Assert.Equal(NaivePrimes.Text(SieveFixtures.TopOfDomainPrimes).Length, length);
        Assert.Equal((SieveFixtures.TopOfDomainPrimes[^1], 20), TextLayout.Locate(bitmap, bitmap.Low, bitmap.High, length - 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => TextLayout.Locate(bitmap, bitmap.Low, bitmap.High, length));
    }

    private static (ulong Low, ulong High) RangeAround(uint edgeChoice, uint width)
    {
        var edge = Edges[edgeChoice % Edges.Length];
        var span = width % 200_000;
        var low = edge - Math.Min(edge, span / 2);
        return (low, low + span);
    }
}
