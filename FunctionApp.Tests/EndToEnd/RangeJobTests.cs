using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using PrimeFunctions.Tests.Fixtures;

namespace PrimeFunctions.Tests.EndToEnd;

/// <summary>Range jobs over real HTTP through the local host, on the Azure Storage provider and Azurite.</summary>
[Collection(SharedService.Name)]
public sealed class RangeJobTests(ServiceFixture service)
{
    // Independent references (OEIS A006880 and running sums of A077645; the SHA-256 of `primesieve 1e7 --print`).
    private const long PrimesBelow1e7 = 664579;
    private const string SumBelow1e7 = "3203324994356";
    private const string TextSha256Below1e7 = "36d6197802bc3b635b43b31cd6a2583f7cf8f5badff7992f3693c5102beefd14";

    private readonly JobClient jobs = new(service.Http);

    [Fact]
    public async Task A_job_runs_to_completion_and_its_text_matches_the_reference_checksum()
    {
        var started = await jobs.StartAsync(0, 10_000_000);
        var payload = await started.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("primes-0-10000000", payload.GetProperty("id").GetString());
        Assert.False(payload.GetProperty("completedBefore").GetBoolean());
        if (started.StatusCode == HttpStatusCode.Accepted)
        {
            Assert.NotNull(started.Headers.RetryAfter);
            Assert.Equal(started.Headers.Location!.ToString(), payload.GetProperty("statusQueryGetUri").GetString());
        }
        else
        {
            // Done within the start's short wait: answered with the summary at once, as a completed range is.
            Assert.Equal(HttpStatusCode.OK, started.StatusCode);
            Assert.Equal(PrimesBelow1e7, payload.GetProperty("output").GetProperty("count").GetInt64());
            Assert.Equal(TextSha256Below1e7, payload.GetProperty("output").GetProperty("sha256").GetString());
        }

        var (status, body) = await jobs.FollowAsync(new Uri(payload.GetProperty("statusQueryGetUri").GetString()!), TimeSpan.FromMinutes(3));
        Assert.Equal(HttpStatusCode.OK, status.StatusCode);
        var output = body.GetProperty("output");
        Assert.Equal(PrimesBelow1e7, output.GetProperty("count").GetInt64());
        Assert.Equal(SumBelow1e7, output.GetProperty("sum").GetString());
        Assert.Equal("2", output.GetProperty("first").GetString());
        Assert.Equal("9999991", output.GetProperty("last").GetString());
        Assert.Equal(TextSha256Below1e7, output.GetProperty("sha256").GetString());
        var progress = body.GetProperty("customStatus");
        Assert.Equal("completed", progress.GetProperty("phase").GetString());
        Assert.Equal(output.GetProperty("segments").GetInt64(), progress.GetProperty("segmentsDone").GetInt64());
        Assert.Equal(PrimesBelow1e7, progress.GetProperty("primesSoFar").GetInt64());

        var (text, response) = await jobs.TextAsync(JobClient.ResultsUri(output));
        Assert.Equal(TextSha256Below1e7, JobClient.Sha256(text));
        Assert.Equal(TextSha256Below1e7, response.Headers.GetValues("X-Checksum-SHA256").Single());
        Assert.Equal(PrimesBelow1e7, text.Count(b => b == (byte)'\n'));
    }

    [Fact]
    public async Task The_same_range_twice_is_the_same_job_and_answers_from_storage()
    {
        var first = await jobs.RunAsync(1_000, 7_000_000);

        var again = await jobs.StartAsync(1_000, 7_000_000);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var body = await again.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("primes-1000-7000000", body.GetProperty("id").GetString());
        Assert.Equal("Completed", body.GetProperty("runtimeStatus").GetString());
        Assert.True(body.GetProperty("completedBefore").GetBoolean());
        Assert.Equal(first.GetProperty("sha256").GetString(), body.GetProperty("output").GetProperty("sha256").GetString());
        Assert.Equal(NaivePrimes.PrimesIn(1_000, 7_000_000).Count, body.GetProperty("output").GetProperty("count").GetInt64());
    }

    [Fact]
    public async Task Asked_again_after_its_history_was_purged_a_job_answers_from_storage_and_its_status_comes_back()
    {
        var first = await jobs.RunAsync(81, 8_100);
        Assert.Equal(HttpStatusCode.OK, (await service.Http.DeleteAsync("/runtime/webhooks/durabletask/instances/primes-81-8100")).StatusCode);

        var again = await jobs.StartAsync(81, 8_100);

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var payload = await again.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(first.GetProperty("sha256").GetString(), payload.GetProperty("output").GetProperty("sha256").GetString());
        // Its summary was stored, but its instance ran again for this start (and found everything stored).
        Assert.False(payload.GetProperty("completedBefore").GetBoolean());
        var (status, body) = await jobs.FollowAsync(new Uri(payload.GetProperty("statusQueryGetUri").GetString()!), TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.OK, status.StatusCode);
        Assert.Equal(first.GetProperty("sha256").GetString(), body.GetProperty("output").GetProperty("sha256").GetString());
        Assert.Equal(NaivePrimes.PrimesIn(81, 8_100).Count, body.GetProperty("output").GetProperty("count").GetInt64());
    }

    [Fact]
    public async Task An_overlapping_range_reuses_the_segments_already_sieved()
    {
        await jobs.RunAsync(0, 5_999_999);
        var overlapping = await jobs.RunAsync(3_000_000, 9_500_000);

        Assert.Equal(3, overlapping.GetProperty("segments").GetInt64());
        Assert.True(overlapping.GetProperty("segmentsReused").GetInt64() >= 1);
        var expected = NaivePrimes.PrimesIn(3_000_000, 9_500_000);
        Assert.Equal(expected.Count, overlapping.GetProperty("count").GetInt64());
        var (text, _) = await jobs.TextAsync(JobClient.ResultsUri(overlapping));
        Assert.Equal(string.Concat(expected.Select(p => $"{p}\n")), Encoding.ASCII.GetString(text));
    }

    [Fact]
    public async Task Json_pages_walk_every_prime_in_order()
    {
        const ulong from = 2_999_000, to = 3_001_000;
        var output = await jobs.RunAsync(from, to);
        var expected = NaivePrimes.PrimesIn(from, to).Select(p => p.ToString()).ToList();

        var seen = new List<string>();
        string? next = JobClient.ResultsUri(output) + "?limit=7";
        while (next is not null)
        {
            var page = await service.Http.GetFromJsonAsync<JsonElement>(next);
            Assert.Equal(expected.Count, page.GetProperty("total").GetInt64());
            seen.AddRange(page.GetProperty("primes").EnumerateArray().Select(p => p.GetString()!));
            next = page.GetProperty("next").ValueKind == JsonValueKind.Null ? null : page.GetProperty("next").GetString();
        }

        Assert.Equal(expected, seen);
    }

    [Fact]
    public async Task A_page_at_an_offset_starts_at_that_prime()
    {
        var output = await jobs.RunAsync(2, 9_000_000);
        var belowEdge = NaivePrimes.PrimesIn(2, ServiceFixture.SegmentWidth - 1).Count;
        var page = await service.Http.GetFromJsonAsync<JsonElement>(JobClient.ResultsUri(output) + $"?offset={belowEdge - 1}&limit=3");

        // The page straddles the first segment edge: the last prime of one segment, then the first two of the next.
        var expected = NaivePrimes.PrimesIn(ServiceFixture.SegmentWidth - 1000, ServiceFixture.SegmentWidth + 1000)
            .SkipWhile(p => p < ServiceFixture.SegmentWidth).Take(2).Prepend(NaivePrimes.PrimesIn(ServiceFixture.SegmentWidth - 1000, ServiceFixture.SegmentWidth - 1).Last())
            .Select(p => p.ToString());
        Assert.Equal(expected, page.GetProperty("primes").EnumerateArray().Select(p => p.GetString()));
    }

    [Fact]
    public async Task A_range_at_the_top_of_the_64_bit_domain_ends_on_the_largest_64_bit_prime()
    {
        const ulong from = ulong.MaxValue - 20_000;
        var output = await jobs.RunAsync(from, ulong.MaxValue);

        var expected = new List<ulong>();
        for (var n = from; n != 0; n++)
        {
            if (NaivePrimes.IsPrime(n))
            {
                expected.Add(n);
            }
        }

        // 2^64 − 59 is the largest prime below 2^64.
        Assert.Equal((ulong.MaxValue - 58).ToString(), output.GetProperty("last").GetString());
        Assert.Equal(expected.Count, output.GetProperty("count").GetInt64());
        var (text, _) = await jobs.TextAsync(JobClient.ResultsUri(output));
        Assert.Equal(string.Concat(expected.Select(p => $"{p}\n")), Encoding.ASCII.GetString(text));
    }

    [Fact]
    public async Task Concurrent_identical_starts_make_exactly_one_instance()
    {
        var starts = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => jobs.StartAsync(4_000_000, 4_400_000)));
        Assert.All(starts, s => Assert.True(s.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.OK, $"a start answered {s.StatusCode}"));
        var ids = await Task.WhenAll(starts.Select(async s => (await s.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()));
        Assert.Single(ids.Distinct());

        var output = await jobs.RunAsync(4_000_000, 4_400_000);
        Assert.Equal(NaivePrimes.PrimesIn(4_000_000, 4_400_000).Count, output.GetProperty("count").GetInt64());
        var matching = 0;
        await foreach (var instance in service.Durable.GetAllInstancesAsync(new() { InstanceIdPrefix = "primes-4000000-4400000" }))
        {
            matching++;
        }

        Assert.Equal(1, matching);
    }

    [Fact]
    public async Task Results_of_an_unknown_job_are_404_problem_details()
    {
        var response = await service.Http.GetAsync("/api/primes/primes-1-2/results");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Status_of_an_unknown_instance_is_404()
    {
        var response = await service.Http.GetAsync("/runtime/webhooks/durabletask/instances/primes-5-6");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
