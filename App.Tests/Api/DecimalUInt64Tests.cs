namespace PrimeFunctions.App.Tests.Api;

public sealed class DecimalUInt64Tests
{
    [Theory]
    [InlineData("0", 0UL)]
    [InlineData("007", 7UL)]
    [InlineData("18446744073709551615", ulong.MaxValue)]
    public void Reads_plain_decimal_digits(string text, ulong expected)
    {
        Assert.True(DecimalUInt64.TryParse(text, out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("18446744073709551616")]
    [InlineData("99999999999999999999")]
    [InlineData("-1")]
    [InlineData("+1")]
    [InlineData(" 1")]
    [InlineData("1 ")]
    [InlineData("1e3")]
    [InlineData("0x10")]
    [InlineData("1,000")]
    [InlineData("١٢")]
    [InlineData("１２")]
    public void Refuses_anything_but_plain_decimal_digits_within_64_bits(string text)
    {
        Assert.False(DecimalUInt64.TryParse(text, out _));
    }

    [Theory]
    [InlineData(0UL, 10UL)]
    [InlineData(5UL, ulong.MaxValue)]
    public void A_job_id_is_well_formed_exactly_in_its_canonical_form(ulong from, ulong to)
    {
        Assert.True(JobId.IsWellFormed(JobId.For(from, to)));
        Assert.False(JobId.IsWellFormed(JobId.For(from, to).Replace("primes-", "primes-0")));
        Assert.False(JobId.IsWellFormed($"primes-{to}-{from}"));
        Assert.False(JobId.IsWellFormed($"primes-{from}"));
    }
}
