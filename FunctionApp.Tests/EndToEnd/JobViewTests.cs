using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PrimeFunctions.Tests.Fixtures;

namespace PrimeFunctions.Tests.EndToEnd;

/// <summary>One job's view — status, summary and segments — over real HTTP through the local host.</summary>
[Collection(SharedService.Name)]
public sealed class JobViewTests(ServiceFixture service)
{
    // A grid-aligned stretch near 7·10^12 that no other test of this class sieves, so which job sieved which segment is known.
    private const ulong Start = ServiceFixture.SegmentWidth * 2_333_334;

    private readonly JobClient jobs = new(service.Http);

    [Fact]
    public async Task A_completed_job_shows_its_summary_and_each_segment_clipped_to_its_range()
    {
        const ulong from = Start + 2_999_000, to = Start + 6_001_000;
        var output = await jobs.RunAsync(from, to);

        var view = await service.Http.GetFromJsonAsync<JsonElement>($"/api/primes/primes-{from}-{to}");

        Assert.Equal("Completed", view.GetProperty("job").GetProperty("runtimeStatus").GetString());
        Assert.Equal(output.GetProperty("sha256").GetString(), view.GetProperty("output").GetProperty("sha256").GetString());
        var segments = view.GetProperty("segments").EnumerateArray().ToList();
        Assert.Equal([$"{from}", $"{Start + 3_000_000}", $"{Start + 6_000_000}"], segments.Select(s => s.GetProperty("low").GetString()));
        Assert.Equal([$"{Start + 2_999_999}", $"{Start + 5_999_999}", $"{to}"], segments.Select(s => s.GetProperty("high").GetString()));
        Assert.All(segments, s => Assert.Equal("sieved", s.GetProperty("state").GetString()));
        Assert.Equal(NaivePrimes.PrimesIn(from, Start + 2_999_999).Count, segments[0].GetProperty("primes").GetInt64());
        Assert.Equal(NaivePrimes.PrimesIn(Start + 6_000_000, to).Count, segments[2].GetProperty("primes").GetInt64());
        Assert.Equal(output.GetProperty("count").GetInt64(), segments.Sum(s => s.GetProperty("primes").GetInt64()));
    }

    [Fact]
    public async Task Segments_another_job_sieved_show_as_reused()
    {
        await jobs.RunAsync(Start + 9_000_000, Start + 14_999_999);
        const ulong from = Start + 12_000_000, to = Start + 17_999_999;
        await jobs.RunAsync(from, to);

        var view = await service.Http.GetFromJsonAsync<JsonElement>($"/api/primes/primes-{from}-{to}");

        Assert.Equal(["reused", "sieved"], view.GetProperty("segments").EnumerateArray().Select(s => s.GetProperty("state").GetString()));
    }

    [Fact]
    public async Task An_unknown_job_is_404_and_a_malformed_id_is_400()
    {
        var unknown = await service.Http.GetAsync("/api/primes/primes-5-4000000000000000");
        var malformed = await service.Http.GetAsync("/api/primes/primes-007-8");

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal("application/problem+json", malformed.Content.Headers.ContentType?.MediaType);
    }
}
