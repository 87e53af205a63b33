using PrimeFunctions.Engine.Counting;
using PrimeFunctions.Tests.Fixtures;

namespace PrimeFunctions.Engine.Tests.Counting;

public sealed class PrimeCountTests
{
    [Fact]
    public void Combinatorial_count_equals_a_plain_sieve_from_64_to_2_to_the_25()
    {
        var random = new Random(25);
        var xs = new List<ulong> { 64, 65, 100, 127, 128, 1000, 1024, 4096, 30030, 65536, 1_000_000, (1ul << 25) - 1 };
        for (var i = 0; i < 100; i++)
        {
            xs.Add((ulong)(64 + random.NextInt64(NaivePrimes.SieveLimit - 64)));
        }

        foreach (var x in xs)
        {
            Assert.True((ulong)NaivePrimeCounts.Pi[x] == PrimeCount.Combinatorial(x), $"π({x})");
        }
    }

    [Theory]
    [InlineData(1, 4ul)]
    [InlineData(8, 5761455ul)]
    [InlineData(9, 50847534ul)]
    [InlineData(10, 455052511ul)]
    [InlineData(11, 4118054813ul)]
    [InlineData(12, 37607912018ul)]
    public void Counts_the_published_primes_below_powers_of_ten(int exponent, ulong expected)
    {
        Assert.Equal(expected, PrimeCount.Pi(Pow10(exponent)));
    }

    [Fact]
    public void Counts_the_same_on_several_threads_with_the_base_terms_beside_the_intervals()
    {
        Assert.Equal(37607912018ul, PrimeCount.Pi(Pow10(12), threads: 3));
    }

    [Fact]
    public void Intervals_add_up_exactly_whatever_the_cut_and_the_order()
    {
        const ulong x = 300_000_000_017;
        var plan = PrimeCount.Plan(x, 1);
        var one = PrimeCount.Combine(plan.Parameters, PrimeCount.ComputeBase(plan.Parameters), [PrimeCount.ComputeS2Interval(plan.Parameters, plan.Intervals[0])]);

        // Uneven cuts at even numbers that are no segment boundary, combined in reverse.
        var limit = plan.Parameters.SieveLimit;
        ulong[] cuts = [0, 2, 1_000_006, limit / 3 & ~1ul, limit / 2 & ~1ul, limit];
        var parts = cuts.Zip(cuts.Skip(1), (low, high) => PrimeCount.ComputeS2Interval(plan.Parameters, new S2Interval(low, high))).Reverse().ToList();
        var many = PrimeCount.Combine(plan.Parameters, PrimeCount.ComputeBase(plan.Parameters), parts);

        var published = PrimeCount.Plan(x, 7);
        var seven = PrimeCount.Combine(published.Parameters, PrimeCount.ComputeBase(published.Parameters), published.Intervals.Select(i => PrimeCount.ComputeS2Interval(published.Parameters, i)));

        var expected = PrimecountProcess.Pi(x);
        Assert.Equal(expected, one);
        Assert.Equal(expected, many);
        Assert.Equal(expected, seven);
    }

    [Theory]
    [InlineData(64ul)]
    [InlineData(100_000_000ul)]
    [InlineData(1_000_000_000_000ul)]
    [InlineData(10_000_000_000_000_000ul)]
    [InlineData(ulong.MaxValue)]
    public void The_plan_covers_the_sieve_range_in_order_with_whole_segments_and_no_empty_interval(ulong x)
    {
        foreach (var most in new[] { 1, 2, 7, 16, 64, 1000 })
        {
            var plan = PrimeCount.Plan(x, most);
            var limit = plan.Parameters.SieveLimit;
            Assert.InRange(plan.Intervals.Count, 1, most);
            Assert.Equal(0ul, plan.Intervals[0].Low);
            Assert.Equal(limit, plan.Intervals[^1].High);
            Assert.All(plan.Intervals, interval => Assert.True(interval.High > interval.Low, $"x = {x}, {most} intervals: empty {interval}"));
            foreach (var (interval, next) in plan.Intervals.Zip(plan.Intervals.Skip(1)))
            {
                Assert.Equal(interval.High, next.Low);
                Assert.Equal(0ul, interval.High % (1ul << 20));
            }
        }
    }

    [Fact]
    public void Combine_refuses_intervals_that_leave_a_gap()
    {
        var plan = PrimeCount.Plan(1_000_000_000_000, 4);
        var parts = plan.Intervals.Skip(1).Select(i => PrimeCount.ComputeS2Interval(plan.Parameters, i));
        Assert.Throws<ArgumentException>(() => PrimeCount.Combine(plan.Parameters, PrimeCount.ComputeBase(plan.Parameters), parts));
    }

    [PrimecountFact]
    public void Equals_primecount_at_a_random_x_in_every_decade_to_10_to_the_13()
    {
        var random = new Random(1013);
        for (var exponent = 7; exponent <= 12; exponent++)
        {
            var low = Pow10(exponent);
            var x = low + (ulong)random.NextInt64((long)(low * 9));
            Assert.True(PrimecountProcess.Pi(x) == PrimeCount.Pi(x), $"π({x})");
        }
    }

    internal static ulong Pow10(int exponent)
    {
        ulong value = 1;
        for (var i = 0; i < exponent; i++)
        {
            value *= 10;
        }

        return value;
    }
}
