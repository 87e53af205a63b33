using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using PrimeFunctions.Tests.Fixtures;

namespace PrimeFunctions.Tests.EndToEnd;

/// <summary>Byte ranges of a job's text form (RFC 9110 §14) over real HTTP, checked against the naive reference text.</summary>
[Collection(SharedService.Name)]
public sealed class RangeDownloadTests(ServiceFixture service)
{
    // Crosses 10^6 and 10^7 (where lines grow by a byte) and the segment edges at 3, 6 and 9 million.
    private const ulong From = 990_000;
    private const ulong To = 10_000_100;

    private static readonly Lazy<byte[]> Reference = new(() => NaivePrimes.Text(NaivePrimes.PrimesIn(From, To)));

    private readonly JobClient jobs = new(service.Http);

    [Fact]
    public async Task The_whole_text_advertises_byte_ranges_and_a_strong_entity_tag_from_its_checksum()
    {
        var output = await jobs.RunAsync(From, To);

        var (text, response) = await jobs.TextAsync(JobClient.ResultsPath(output));

        Assert.Equal(Reference.Value, text);
        Assert.Equal("bytes", response.Headers.AcceptRanges.Single());
        Assert.Equal(new EntityTagHeaderValue($"\"{output.GetProperty("sha256").GetString()}\""), response.Headers.ETag);
    }

    [Theory]
    [InlineData(0L, 0L)]
    [InlineData(0L, 99L)]
    [InlineData(1L, 1L)]
    [InlineData(6L, 30L)]
    [InlineData(1_234_567L, 1_234_567L)]
    [InlineData(1_700_000L, 4_100_000L)]
    [InlineData(4_600_123L, 4_600_200L)]
    public async Task A_range_answers_206_with_exactly_those_bytes(long first, long last)
    {
        var resultsUri = JobClient.ResultsPath(await jobs.RunAsync(From, To));

        var response = await GetTextAsync(resultsUri, new RangeHeaderValue(first, last));

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal(new ContentRangeHeaderValue(first, last, Reference.Value.Length), response.Content.Headers.ContentRange);
        Assert.Equal(Reference.Value[(int)first..(int)(last + 1)], await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_cut_download_resumed_from_its_length_completes_to_the_job_checksum()
    {
        var output = await jobs.RunAsync(From, To);
        var resultsUri = JobClient.ResultsPath(output);
        var entityTag = new EntityTagHeaderValue($"\"{output.GetProperty("sha256").GetString()}\"");
        var cut = Reference.Value.Length / 3 + 7;

        var response = await GetTextAsync(resultsUri, new RangeHeaderValue(cut, null), new RangeConditionHeaderValue(entityTag));

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        var resumed = Reference.Value[..cut].Concat(await response.Content.ReadAsByteArrayAsync()).ToArray();
        Assert.Equal(output.GetProperty("sha256").GetString(), JobClient.Sha256(resumed));
    }

    [Fact]
    public async Task A_suffix_range_answers_the_last_bytes()
    {
        var resultsUri = JobClient.ResultsPath(await jobs.RunAsync(From, To));

        var response = await GetTextAsync(resultsUri, new RangeHeaderValue(null, 17));

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal(Reference.Value[^17..], await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_range_past_the_end_answers_416_with_the_length()
    {
        var resultsUri = JobClient.ResultsPath(await jobs.RunAsync(From, To));

        var response = await GetTextAsync(resultsUri, new RangeHeaderValue(Reference.Value.Length, null));

        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, response.StatusCode);
        Assert.Equal($"bytes */{Reference.Value.Length}", response.Content.Headers.GetValues("Content-Range").Single());
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(416, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task An_if_range_naming_another_version_answers_the_whole_text()
    {
        var resultsUri = JobClient.ResultsPath(await jobs.RunAsync(From, To));

        var response = await GetTextAsync(resultsUri, new RangeHeaderValue(100, null), new RangeConditionHeaderValue("\"0123\""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Reference.Value, await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Several_ranges_answer_the_whole_text()
    {
        var resultsUri = JobClient.ResultsPath(await jobs.RunAsync(From, To));
        var ranges = new RangeHeaderValue(0, 9);
        ranges.Ranges.Add(new RangeItemHeaderValue(100, 109));

        var response = await GetTextAsync(resultsUri, ranges);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Reference.Value, await response.Content.ReadAsByteArrayAsync());
    }

    private async Task<HttpResponseMessage> GetTextAsync(string resultsUri, RangeHeaderValue range, RangeConditionHeaderValue? ifRange = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, resultsUri + "?format=text");
        request.Headers.Range = range;
        request.Headers.IfRange = ifRange;
        return await service.Http.SendAsync(request);
    }
}
