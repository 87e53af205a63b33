using PrimeFunctions.Engine.Counting;

namespace PrimeFunctions.Engine.Tests.Counting;

/// <summary>Division by multiplication agrees with the hardware's division wherever the leaf loops use it, and at the edges of 64 bits.</summary>
public sealed class PrimeDivisorsTests
{
    public static TheoryData<uint> Divisors => new() { 3, 5, 7, 641, 65_537, 999_983, 16_777_213, 2_147_483_647, 4_294_967_291, 4_294_967_295 };

    [Theory]
    [MemberData(nameof(Divisors))]
    public void Every_numerator_near_a_multiple_and_near_the_top_divides_exactly(uint d)
    {
        var magic = PrimeDivisors.Magic(d);
        var random = new Random((int)d);
        var numerators = new List<ulong> { 0, 1, d - 1ul, d, d + 1ul, ulong.MaxValue, ulong.MaxValue - 1, ulong.MaxValue / d * d, ulong.MaxValue / d * d - 1 };
        for (var i = 0; i < 20_000; i++)
        {
            var multiple = (ulong)random.NextInt64() % (ulong.MaxValue / d) * d;
            numerators.Add(multiple);
            numerators.Add(multiple - 1);
            numerators.Add((ulong)random.NextInt64() << 1 | (uint)random.Next(2));
        }

        foreach (var n in numerators)
        {
            Assert.Equal(n / d, PrimeDivisors.Divide(n, d, magic));
        }
    }

    [Fact]
    public void Every_odd_prime_of_a_factor_table_divides_exactly()
    {
        var table = FactorTable.UpTo(1_000_003);
        var random = new Random(7);
        for (var i = 2; i < table.Primes.Length; i++)
        {
            var n = (ulong)random.NextInt64() * 2 + (ulong)(i & 1);
            Assert.Equal(n / table.Primes[i], PrimeDivisors.Divide(n, table.Primes[i], table.PrimeMagic[i]));
        }
    }

    [Theory]
    [InlineData(0u)]
    [InlineData(2u)]
    [InlineData(1024u)]
    public void Powers_of_two_and_small_divisors_have_no_magic_number(uint d) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => PrimeDivisors.Magic(d));
}
