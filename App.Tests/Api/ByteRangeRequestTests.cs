using Microsoft.AspNetCore.Http;

namespace PrimeFunctions.App.Tests.Api;

/// <summary>What a <c>Range</c> header asks of a 1000-byte text (RFC 9110 §14).</summary>
public sealed class ByteRangeRequestTests
{
    private const long Length = 1000;
    private const string Tag = "abc";

    [Theory]
    [InlineData("bytes=18446744073709551615-")]
    [InlineData("bytes=9223372036854775807-")]
    [InlineData("bytes=99999999999999999999999999999-100000000000000000000000000000")]
    [InlineData("bytes=1000-")]
    [InlineData("bytes=-0")]
    public void A_range_that_starts_past_the_end_cannot_be_satisfied(string range)
    {
        Assert.Equal(ByteRangeRequest.Kind.Unsatisfiable, Read(range).Outcome);
    }

    [Theory]
    [InlineData("bytes=0-0", 0, 0)]
    [InlineData("bytes=10-", 10, 999)]
    [InlineData("bytes=990-18446744073709551615", 990, 999)]
    [InlineData("bytes=-18446744073709551615", 0, 999)]
    [InlineData("bytes=-5", 995, 999)]
    [InlineData("BYTES= 3-4 ", 3, 4)]
    public void A_satisfiable_range_answers_those_bytes(string range, long start, long end)
    {
        Assert.Equal(new ByteRangeRequest(ByteRangeRequest.Kind.Partial, start, end), Read(range));
    }

    [Theory]
    [InlineData("bytes=5-3")]
    [InlineData("bytes=0-9,20-29")]
    [InlineData("bytes=-")]
    [InlineData("bytes=1x-")]
    [InlineData("items=0-9")]
    [InlineData("bytes=+1-2")]
    public void A_range_the_server_may_ignore_answers_the_whole_text(string range)
    {
        Assert.Equal(new ByteRangeRequest(ByteRangeRequest.Kind.Whole, 0, Length - 1), Read(range));
    }

    private static ByteRangeRequest Read(string range)
    {
        var request = new DefaultHttpContext().Request;
        request.Method = HttpMethods.Get;
        request.Headers.Range = range;
        return ByteRangeRequest.Read(request, Tag, Length);
    }
}
