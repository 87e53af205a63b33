using PrimeFunctions.Engine.Counting;

namespace PrimeFunctions.Engine.Tests.Counting;

/// <summary>The compact π table answers π(n) for every n it covers as the plain sieve counts, at block edges and at its limit.</summary>
public sealed class PiTableTests
{
    [Theory]
    [InlineData(0u)]
    [InlineData(1u)]
    [InlineData(2u)]
    [InlineData(127u)]
    [InlineData(128u)]
    [InlineData(129u)]
    [InlineData(1_000_003u)]
    public void Every_n_up_to_the_limit_has_the_naive_count(uint limit)
    {
        var table = FactorTable.UpTo(Math.Max(limit, 2));
        var pi = new PiTable(limit, table.Primes.AsSpan(1));

        for (uint n = 0; n <= limit; n++)
        {
            Assert.Equal(NaivePrimeCounts.Pi[n], pi[n]);
        }
    }
}
