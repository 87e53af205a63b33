using FsCheck;
using FsCheck.Xunit;
using PrimeFunctions.Engine;

using PrimeFunctions.Tests.Fixtures;

namespace PrimeFunctions.Engine.Tests;

public sealed class SegmentSieveTests
{
    /// <summary>Integers per block of <see cref="SieveFixtures.SmallCaches"/>: ranges wider than this cross a block boundary.</summary>
    private static readonly ulong BlockSpan = SieveFixtures.SmallCaches.BlockBytes * 30ul;

    [Theory]
    [InlineData(1, 4)]
    [InlineData(2, 25)]
    [InlineData(3, 168)]
    [InlineData(4, 1229)]
    [InlineData(5, 9592)]
    [InlineData(6, 78498)]
    [InlineData(7, 664579)]
    [InlineData(8, 5761455)]
    [InlineData(9, 50847534)]
    public void Counts_primes_below_powers_of_ten(int exponent, long expected)
    {
        Assert.Equal(expected, SegmentSieve.Sieve(0, Pow10(exponent)).Count);
        Assert.Equal(expected, SegmentSieve.Count(0, Pow10(exponent)));
    }

    [Fact]
    public void Counts_the_primes_below_ten_to_the_tenth_block_by_block_over_the_smallest_and_largest_blocks()
    {
        // π(10^10) = 455,052,511 (OEIS A006880); [0, 2^33) has π(2^33) = 393,615,806 (A007053) and √10^10 is below the 1 MiB medium limit.
        var largest = SieveConfig.FromCacheSizes(new CacheSizes(128 << 10, 1 << 20));
        Assert.Equal(393615806, SegmentSieve.Count(0, (1ul << 33) - 1, largest));
        Assert.Equal(455052511 - 393615806, SegmentSieve.Count(1ul << 33, 10_000_000_000, largest));
        Assert.Equal(50847534, SegmentSieve.Count(0, 1_000_000_000, SieveFixtures.SmallCaches));
    }

    [Property(MaxTest = 40)]
    public void Counting_without_a_bitmap_matches_the_naive_reference_across_blocks(DoNotSize<uint> startArgument, DoNotSize<uint> widthArgument)
    {
        var low = startArgument.Item % (NaivePrimes.SieveLimit - 3 * BlockSpan);
        var high = low + widthArgument.Item % (3 * BlockSpan);
        Assert.Equal(NaivePrimes.PrimesIn(low, high).Count, SegmentSieve.Count(low, high, SieveFixtures.SmallCaches));
        Assert.Equal(NaivePrimes.PrimesIn(low, high).Count, SegmentSieve.Count(low, high));
    }

    [Fact]
    public void Counting_without_a_bitmap_keeps_the_ends_of_tiny_ranges()
    {
        for (ulong low = 0; low < 400; low++)
        {
            for (var high = low; high < low + 200; high++)
            {
                Assert.Equal(NaivePrimes.PrimesIn(low, high).Count, SegmentSieve.Count(low, high));
            }
        }
    }

    [Theory]
    [InlineData(3, "76127")]
    [InlineData(6, "37550402023")]
    [InlineData(9, "24739512092254535")]
    public void Sums_primes_below_powers_of_ten(int exponent, string expected)
    {
        var limit = Pow10(exponent);
        Assert.Equal(UInt128.Parse(expected), SegmentSieve.Sieve(0, limit).Sum(0, limit));
    }

    [Fact]
    public void Counts_and_sums_the_primes_below_ten_to_the_tenth_in_segments()
    {
        const ulong limit = 10_000_000_000;
        const ulong segment = 1ul << 32;
        long count = 0;
        UInt128 sum = 0;
        for (ulong low = 0; low <= limit; low += segment)
        {
            var bitmap = SegmentSieve.Sieve(low, Math.Min(limit, low + segment - 1));
            count += bitmap.Count;
            sum += bitmap.Sum(low, limit);
        }

        Assert.Equal(455052511, count);
        Assert.Equal(UInt128.Parse("2220822432581729238"), sum);
    }

    [Theory]
    [InlineData(8 << 10, 32 << 10)]
    [InlineData(128 << 10, 1 << 20)]
    public void Counts_and_sums_the_primes_below_ten_to_the_ninth_with_any_cache_sizes(long l1d, long l2)
    {
        const ulong limit = 1_000_000_000;
        var bitmap = SegmentSieve.Sieve(0, limit, SieveConfig.FromCacheSizes(new CacheSizes(l1d, l2)));
        Assert.Equal(50847534, bitmap.Count);
        Assert.Equal(UInt128.Parse("24739512092254535"), bitmap.Sum(0, limit));
    }

    [Fact]
    public void Counts_the_primes_from_2_to_the_33_to_10_to_the_10_with_the_bucket_sieve_over_the_smallest_blocks()
    {
        // π(10^10) − π(2^33) = 455,052,511 − 393,615,806 (OEIS A006880, A007053); √10^10 is above the 64 KiB medium limit.
        Assert.Equal(61436705, SegmentSieve.Sieve(1ul << 33, 10_000_000_000, SieveFixtures.SmallCaches).Count);
    }

    [Theory]
    [InlineData(8 << 10, 32 << 10, 1_000_000_000_000ul)]
    [InlineData(8 << 10, 32 << 10, 17_592_186_044_416ul)]
    [InlineData(8 << 10, 32 << 10, 1_000_000_000_000_000_000ul)]
    [InlineData(128 << 10, 1 << 20, 1_000_000_000_000ul)]
    [InlineData(128 << 10, 1 << 20, 17_592_186_044_416ul)]
    [InlineData(128 << 10, 1 << 20, 1_000_000_000_000_000_000ul)]
    public void Windows_of_large_numbers_match_the_naive_reference_with_any_cache_sizes(long l1d, long l2, ulong low)
    {
        var high = low + 30_000;
        var config = SieveConfig.FromCacheSizes(new CacheSizes(l1d, l2));
        Assert.Equal(NaivePrimes.PrimesIn(low, high), SieveFixtures.Decode(SieveFixtures.SieveWithoutPrimalityTests(low, high, config)));
    }

    [Fact]
    public void Every_tiny_range_matches_the_naive_reference()
    {
        for (ulong low = 0; low < 120; low++)
        {
            for (var high = low; high < 120; high++)
            {
                Assert.Equal(NaivePrimes.PrimesIn(low, high), SieveFixtures.Decode(SegmentSieve.Sieve(low, high)));
            }
        }
    }

    [Property(MaxTest = 40)]
    public void Random_ranges_match_the_naive_reference(DoNotSize<uint> startArgument, DoNotSize<uint> widthArgument)
    {
        var start = startArgument.Item;
        var width = widthArgument.Item;
        var low = start % (NaivePrimes.SieveLimit - 2_000_000);
        var high = low + width % 2_000_000;
        Assert.Equal(NaivePrimes.PrimesIn(low, high), SieveFixtures.Decode(SegmentSieve.Sieve(low, high)));
    }

    [Property(MaxTest = 40)]
    public void Random_ranges_at_the_top_of_the_domain_match_the_naive_reference(DoNotSize<ushort> offsetArgument, DoNotSize<ushort> widthArgument)
    {
        var high = ulong.MaxValue - offsetArgument.Item;
        var low = high - Math.Min(widthArgument.Item, high - SieveFixtures.TopLow) % 3000;
        Assert.Equal(NaivePrimes.PrimesIn(low, high), SieveFixtures.Decode(SegmentSieve.Sieve(low, high)));
        Assert.Equal(SieveFixtures.TopOfDomain.CountRange(low, high), SegmentSieve.Sieve(low, high).Count);
    }

    [Property(MaxTest = 6)]
    public void Ranges_across_block_boundaries_match_the_naive_reference(DoNotSize<uint> startArgument, DoNotSize<uint> extraArgument)
    {
        var start = startArgument.Item;
        var extra = extraArgument.Item;
        var low = start % (NaivePrimes.SieveLimit - 2 * BlockSpan - 60);
        var high = low + BlockSpan + extra % (BlockSpan + 60);
        Assert.Equal(NaivePrimes.PrimesIn(low, high), SieveFixtures.Decode(SegmentSieve.Sieve(low, high, SieveFixtures.SmallCaches)));
    }

    [Property(MaxTest = 30)]
    public void Ranges_that_start_and_end_on_primes_keep_both_ends(DoNotSize<uint> startArgument, DoNotSize<ushort> gapArgument)
    {
        var start = startArgument.Item;
        var gap = gapArgument.Item;
        var low = NextPrime(start % (NaivePrimes.SieveLimit - 200_000));
        var high = NextPrime(low + gap);
        var bitmap = SegmentSieve.Sieve(low, high);
        Assert.Equal(low, bitmap.PrimeAt(0));
        Assert.Equal(high, bitmap.PrimeAt(bitmap.Count - 1));
        Assert.Equal(NaivePrimes.PrimesIn(low, high).Count, bitmap.Count);
    }

    [Theory]
    [InlineData(1_000_000_000_000ul)]
    [InlineData(999_999_950_000ul)]
    [InlineData(1_101_164_183_871ul)]
    [InlineData(10_000_000_000_000ul)]
    [InlineData(17_592_186_044_416ul)]
    [InlineData(17_592_186_044_416ul - 30_000)]
    [InlineData(1_000_000_000_000_000ul)]
    [InlineData(1_000_000_000_000_000_000ul)]
    public void Windows_of_large_numbers_match_the_naive_reference(ulong low)
    {
        var high = low + 30_000;
        Assert.Equal(NaivePrimes.PrimesIn(low, high), SieveFixtures.Decode(SegmentSieve.Sieve(low, high)));
    }

    [Property(MaxTest = 8)]
    public void Random_windows_of_large_numbers_match_the_naive_reference_on_both_large_prime_paths(DoNotSize<ulong> startArgument, DoNotSize<ushort> widthArgument)
    {
        var low = (1ul << 36) + startArgument.Item % (1ul << 50);
        var high = low + (ulong)(widthArgument.Item % 20_000);
        var naive = NaivePrimes.PrimesIn(low, high);
        Assert.Equal(naive, SieveFixtures.Decode(SieveFixtures.SieveWithoutPrimalityTests(low, high)));
        Assert.Equal(naive, SieveFixtures.Decode(SegmentSieve.Sieve(low, high)));
    }

    [Fact]
    public void Top_of_the_domain_matches_the_naive_reference()
    {
        Assert.Equal(SieveFixtures.TopOfDomainPrimes, SieveFixtures.Decode(SegmentSieve.Sieve(SieveFixtures.TopLow, ulong.MaxValue)));
    }

    [Fact]
    public void Bucket_sieve_at_the_top_of_the_domain_matches_the_naive_reference()
    {
        Assert.Equal(SieveFixtures.TopOfDomainPrimes, SieveFixtures.Decode(SieveFixtures.TopOfDomain));
    }

    [Theory]
    [InlineData(1_101_164_183_871ul, 20_000ul)]
    [InlineData(17_592_186_044_416ul, 20_000ul)]
    [InlineData(1_000_000_000_000_000ul, 20_000ul)]
    [InlineData(1_000_000_000_000_000_000ul, 20_000ul)]
    public void Bucket_sieve_matches_the_naive_reference_where_survivor_tests_would_be_chosen(ulong low, ulong width)
    {
        var high = low + width;
        Assert.Equal(NaivePrimes.PrimesIn(low, high), SieveFixtures.Decode(SieveFixtures.SieveWithoutPrimalityTests(low, high)));
    }

    [Fact]
    public void Largest_64_bit_prime_is_the_last_prime_of_the_domain()
    {
        var bitmap = SegmentSieve.Sieve(ulong.MaxValue - 100, ulong.MaxValue);
        Assert.Equal(ulong.MaxValue - 58, bitmap.PrimeAt(bitmap.Count - 1));
    }

    [Fact]
    public void Rejects_ranges_wider_than_2_to_the_34()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SegmentSieve.Sieve(0, 1ul << 34));
        Assert.Throws<ArgumentOutOfRangeException>(() => SegmentSieve.Sieve(10, 9));
    }

    private static ulong Pow10(int exponent)
    {
        var value = 1ul;
        for (var i = 0; i < exponent; i++)
        {
            value *= 10;
        }

        return value;
    }

    private static ulong NextPrime(ulong n)
    {
        while (!NaivePrimes.IsPrime(n))
        {
            n++;
        }

        return n;
    }
}
