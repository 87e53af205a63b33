using System.Numerics;

namespace PrimeFunctions.App.Tests.Api;

/// <summary>How is-prime reads a number and how sure its answer is.</summary>
public sealed class IsPrimeVerdictTests
{
    [Theory]
    [InlineData("0", "0")]
    [InlineData("000", "0")]
    [InlineData("007", "7")]
    [InlineData("18446744073709551616", "18446744073709551616")]
    public void Leading_zeros_are_stripped(string text, string canonical) =>
        Assert.Equal(canonical, CanonicalDecimal.Canonicalize(text));

    [Theory]
    [InlineData("")]
    [InlineData("-7")]
    [InlineData("+7")]
    [InlineData(" 7")]
    [InlineData("7 ")]
    [InlineData("1e3")]
    [InlineData("0x1F")]
    [InlineData("1.0")]
    [InlineData("1_000")]
    [InlineData("١٢٣")]
    [InlineData("７")]
    public void Anything_but_ascii_digits_is_refused(string text) =>
        Assert.Null(CanonicalDecimal.Canonicalize(text));

    [Theory]
    [InlineData("0", false)]
    [InlineData("1", false)]
    [InlineData("2", true)]
    [InlineData("561", false)]
    [InlineData("18446744073709551557", true)]
    [InlineData("18446744073709551615", false)]
    public void Below_2_to_the_64_the_answer_is_proven(string n, bool isPrime)
    {
        var verdict = IsPrimeVerdict.Of(n);
        Assert.Equal((isPrime, "proven", "deterministic-miller-rabin"), (verdict.IsPrime, verdict.Certainty, verdict.Method));
    }

    [Theory]
    [InlineData("18446744073709551616", false)]
    [InlineData("18446744073709551629", true)]
    [InlineData("170141183460469231731687303715884105727", true)]
    public void From_2_to_the_64_the_answer_is_probable_by_baillie_psw(string n, bool isPrime)
    {
        var verdict = IsPrimeVerdict.Of(n);
        Assert.Equal((isPrime, "probable", "baillie-psw"), (verdict.IsPrime, verdict.Certainty, verdict.Method));
    }

    [Fact]
    public void The_job_id_of_a_long_number_is_short_and_fixed()
    {
        var n = ((BigInteger.One << 4423) - 1).ToString();
        var id = IsPrimeHandler.JobIdFor(n);
        Assert.Equal("isprime-".Length + 64, id.Length);
        Assert.Equal(id, IsPrimeHandler.JobIdFor(n));
        Assert.NotEqual(id, IsPrimeHandler.JobIdFor(n[..^1]));
    }
}
