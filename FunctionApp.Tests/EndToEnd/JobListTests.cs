using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PrimeFunctions.Tests.Fixtures;

namespace PrimeFunctions.Tests.EndToEnd;

/// <summary>The job list over real HTTP through the local host.</summary>
public sealed class JobListTests(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    private readonly JobClient jobs = new(service.Http);

    [Fact]
    public async Task Jobs_are_listed_newest_first_with_their_range_status_and_links()
    {
        await jobs.RunAsync(11, 1_000);
        await jobs.RunAsync(12, 1_000);

        var list = await service.Http.GetFromJsonAsync<JsonElement>("/api/primes?limit=100");
        var listed = list.GetProperty("jobs").EnumerateArray().ToList();
        var ids = listed.Select(j => j.GetProperty("id").GetString()).ToList();
        Assert.True(ids.IndexOf("primes-12-1000") < ids.IndexOf("primes-11-1000"), string.Join(", ", ids));
        var created = listed.Select(j => j.GetProperty("createdTime").GetDateTimeOffset()).ToList();
        Assert.Equal(created.OrderByDescending(t => t), created);

        var job = listed.Single(j => j.GetProperty("id").GetString() == "primes-12-1000");
        Assert.Equal("12", job.GetProperty("from").GetString());
        Assert.Equal("1000", job.GetProperty("to").GetString());
        Assert.Equal("Completed", job.GetProperty("runtimeStatus").GetString());
        Assert.Equal("completed", job.GetProperty("progress").GetProperty("phase").GetString());
        Assert.EndsWith("/api/primes/primes-12-1000/results", job.GetProperty("resultsUri").GetString());
        var status = await service.Http.GetAsync(job.GetProperty("statusQueryGetUri").GetString());
        Assert.Equal(HttpStatusCode.OK, status.StatusCode);
    }

    [Fact]
    public async Task Count_and_nth_prime_jobs_are_listed_with_their_kind_input_progress_and_answer()
    {
        // π(10^6) − π(999) = 78498 − 168 and the 10^4-th prime 104729: the published tables.
        await jobs.RunAsync(41, 1_000);
        await jobs.RunCountingAsync("/api/counts?from=1000&to=1000000", null);
        await jobs.RunCountingAsync("/api/nth-prime?n=10000", null);

        var listed = (await service.Http.GetFromJsonAsync<JsonElement>("/api/primes?limit=100")).GetProperty("jobs").EnumerateArray().ToList();
        var ids = listed.Select(j => j.GetProperty("id").GetString()).ToList();
        Assert.True(ids.IndexOf("nth-prime-10000") < ids.IndexOf("count-1000-1000000") && ids.IndexOf("count-1000-1000000") < ids.IndexOf("primes-41-1000"), string.Join(", ", ids));

        var range = listed.Single(j => j.GetProperty("id").GetString() == "primes-41-1000");
        Assert.Equal("range", range.GetProperty("kind").GetString());
        var count = listed.Single(j => j.GetProperty("id").GetString() == "count-1000-1000000");
        Assert.Equal("count", count.GetProperty("kind").GetString());
        Assert.Equal(("1000", "1000000"), (count.GetProperty("from").GetString(), count.GetProperty("to").GetString()));
        Assert.Equal("completed", count.GetProperty("countProgress").GetProperty("phase").GetString());
        Assert.Equal("78330", count.GetProperty("countOutput").GetProperty("count").GetString());
        Assert.False(count.TryGetProperty("resultsUri", out _));
        var nth = listed.Single(j => j.GetProperty("id").GetString() == "nth-prime-10000");
        Assert.Equal("nth", nth.GetProperty("kind").GetString());
        Assert.Equal("10000", nth.GetProperty("n").GetString());
        Assert.False(nth.TryGetProperty("from", out _));
        Assert.Equal("104729", nth.GetProperty("nthPrimeOutput").GetProperty("prime").GetString());

        var counts = await service.Http.GetFromJsonAsync<JsonElement>("/api/primes?kind=count,nth&limit=100");
        Assert.All(counts.GetProperty("jobs").EnumerateArray(), j => Assert.NotEqual("range", j.GetProperty("kind").GetString()));
        Assert.Contains(counts.GetProperty("jobs").EnumerateArray(), j => j.GetProperty("id").GetString() == "nth-prime-10000");
        var badKind = await service.Http.GetAsync("/api/primes?kind=isprime");
        Assert.Equal(HttpStatusCode.BadRequest, badKind.StatusCode);
        Assert.Contains("kind", await badKind.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_job_of_many_waves_keeps_the_time_it_was_asked_for()
    {
        // 16 segments, 4 to a task, 3 tasks a wave: two executions, the second started by continue-as-new.
        var before = DateTimeOffset.UtcNow;
        var started = await jobs.StartAsync(1_000_000_000, 1_047_999_999);
        var answered = DateTimeOffset.UtcNow;
        var payload = await started.Content.ReadFromJsonAsync<JsonElement>();
        await jobs.FollowAsync(new Uri(payload.GetProperty("statusQueryGetUri").GetString()!), TimeSpan.FromMinutes(3));

        var list = await service.Http.GetFromJsonAsync<JsonElement>($"/api/primes?createdFrom={before.AddSeconds(-1).UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}&limit=100");
        var job = list.GetProperty("jobs").EnumerateArray().Single(j => j.GetProperty("id").GetString() == "primes-1000000000-1047999999");

        Assert.InRange(job.GetProperty("createdTime").GetDateTimeOffset(), before, answered);
    }

    [Fact]
    public async Task Pages_of_one_walk_every_job_exactly_once()
    {
        await jobs.RunAsync(21, 1_000);
        await jobs.RunAsync(22, 1_000);
        await jobs.RunAsync(23, 1_000);
        var all = (await service.Http.GetFromJsonAsync<JsonElement>("/api/primes?limit=100"))
            .GetProperty("jobs").EnumerateArray().Select(j => j.GetProperty("id").GetString()).ToList();

        var walked = new List<string?>();
        string? next = "/api/primes?limit=1";
        while (next is not null)
        {
            var page = await service.Http.GetFromJsonAsync<JsonElement>(next);
            var pageJobs = page.GetProperty("jobs").EnumerateArray().ToList();
            Assert.True(pageJobs.Count <= 1);
            walked.AddRange(pageJobs.Select(j => j.GetProperty("id").GetString()));
            next = page.GetProperty("next").ValueKind == JsonValueKind.Null ? null : page.GetProperty("next").GetString();
        }

        Assert.Equal(all, walked);
    }

    [Fact]
    public async Task Filters_select_by_status_and_creation_time()
    {
        await jobs.RunAsync(31, 1_000);

        var completed = await service.Http.GetFromJsonAsync<JsonElement>("/api/primes?status=completed&limit=100");
        Assert.Contains(completed.GetProperty("jobs").EnumerateArray(), j => j.GetProperty("id").GetString() == "primes-31-1000");
        Assert.All(completed.GetProperty("jobs").EnumerateArray(), j => Assert.Equal("Completed", j.GetProperty("runtimeStatus").GetString()));

        var failed = await service.Http.GetFromJsonAsync<JsonElement>("/api/primes?status=Failed,Terminated&limit=100");
        Assert.DoesNotContain(failed.GetProperty("jobs").EnumerateArray(), j => j.GetProperty("id").GetString() == "primes-31-1000");

        var future = DateTime.UtcNow.AddDays(1).ToString("yyyy-MM-dd");
        var none = await service.Http.GetFromJsonAsync<JsonElement>($"/api/primes?createdFrom={future}");
        Assert.Empty(none.GetProperty("jobs").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, none.GetProperty("continuationToken").ValueKind);
    }
}
