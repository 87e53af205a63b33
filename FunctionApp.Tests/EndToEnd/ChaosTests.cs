using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using PrimeFunctions.LocalHost;
using PrimeFunctions.Storage;
using PrimeFunctions.Tests.Fixtures;

namespace PrimeFunctions.Tests.EndToEnd;

/// <summary>
/// Faults a service meets in real life, each ending in an answer checked against a plain sieve: activities that
/// fail, a host killed while merging, a host and its storage killed together, storage gone for half a minute, a
/// job deleted while it merges. Each runs its own local host process on a task hub of its own.
/// </summary>
[Collection(Serial.Name)]
public sealed class ChaosTests(AzuriteFixture emulator) : IClassFixture<AzuriteFixture>
{
    private const ulong Width = 1_000_000;

    [Fact]
    public async Task With_a_tenth_of_activity_runs_failing_jobs_still_complete_with_the_right_primes()
    {
        using var host = await StartHostAsync(emulator.Azurite, "ChaosFaults", "--Primes:Faults:ActivityFailureRate=0.1");
        var jobs = new JobClient(host.Http);

        var output = await jobs.RunAsync(1_000_000_000, 1_020_000_000);

        AssertSummaryOf(output, 1_000_000_000, 1_020_000_000);
    }

    [Fact]
    public async Task A_job_that_cannot_succeed_ends_failed_and_says_why_in_status_list_and_results()
    {
        using var host = await StartHostAsync(emulator.Azurite, "ChaosFailing", "--Primes:Faults:ActivityFailureRate=1");
        var jobs = new JobClient(host.Http);
        var started = await (await jobs.StartAsync(10, 20)).Content.ReadFromJsonAsync<JsonElement>();

        var (_, status) = await jobs.FollowAsync(new Uri(started.GetProperty("statusQueryGetUri").GetString()!), TimeSpan.FromMinutes(2));

        Assert.Equal("Failed", status.GetProperty("runtimeStatus").GetString());
        Assert.Contains("on purpose", status.GetProperty("output").GetString());
        var list = await host.Http.GetFromJsonAsync<JsonElement>("/api/primes?status=Failed");
        Assert.Contains("on purpose", list.GetProperty("jobs")[0].GetProperty("failure").GetString());
        var results = await host.Http.GetAsync(started.GetProperty("resultsUri").GetString());
        Assert.Equal(HttpStatusCode.Conflict, results.StatusCode);
        var problem = await results.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("on purpose", problem.GetProperty("reason").GetString());
        Assert.DoesNotContain("   at ", problem.GetRawText());
    }

    [Fact]
    public async Task A_host_killed_while_merging_finishes_the_job_on_restart()
    {
        // Slowed on purpose, so that the kill lands mid-merge however fast the machine renders.
        string[] hub = ["--AzureFunctionsJobHost:extensions:durableTask:hubName=ChaosMergeKill", "--Primes:SegmentWidth=100000000", "--Primes:Faults:SegmentDelay=00:00:00.5"];
        var port = FreePorts.Next();
        const ulong to = 1_000_000_000;
        using (var first = await LocalHostProcess.StartAsync(port, Settings(emulator.Azurite, hub)))
        {
            using var http = new HttpClient { BaseAddress = first.BaseAddress };
            await new JobClient(http).StartAsync(0, to);
            await new JobClient(http).WaitForPhaseAsync($"primes-0-{to}", "merging");
            first.Kill();
        }

        using var second = await LocalHostProcess.StartAsync(port, Settings(emulator.Azurite, hub));
        using var client = new HttpClient { BaseAddress = second.BaseAddress };
        var (_, status) = await FollowWithLogAsync(second, client, $"primes-0-{to}");

        Assert.Equal("Completed", status.GetProperty("runtimeStatus").GetString());
        Assert.Equal(50_847_534, status.GetProperty("output").GetProperty("count").GetInt64());
    }

    [Fact]
    public async Task A_long_merge_shows_its_progress_in_the_status()
    {
        // Long on purpose: 20 segments at half a second each, however fast the machine renders.
        using var host = await StartHostAsync(
            emulator.Azurite, "ChaosMergeProgress", "--Primes:SegmentWidth=100000000", "--Primes:MergeProgressSeconds=1", "--Primes:Faults:SegmentDelay=00:00:00.5");
        const string id = "primes-0-1999999999";
        await new JobClient(host.Http).StartAsync(0, 1_999_999_999);

        long mostMerged = 0, total = 0;
        JsonElement status;
        do
        {
            await Task.Delay(100);
            status = await host.Http.GetFromJsonAsync<JsonElement>($"/runtime/webhooks/durabletask/instances/{id}");
            // The merge runs beside the last wave of sieves, so its progress shows while sieving as well as after.
            if (status.GetProperty("customStatus") is { ValueKind: JsonValueKind.Object } progress && progress.GetProperty("phase").GetString() is "sieving" or "merging")
            {
                mostMerged = Math.Max(mostMerged, progress.GetProperty("segmentsMerged").GetInt64());
                total = progress.GetProperty("segmentsTotal").GetInt64();
            }
        }
        while (status.GetProperty("runtimeStatus").GetString() is "Pending" or "Running");

        Assert.Equal(98_222_287, status.GetProperty("output").GetProperty("count").GetInt64());
        Assert.InRange(mostMerged, 1, total);
    }

    [Fact]
    public async Task A_job_deleted_while_it_merges_stays_deleted()
    {
        // Each segment's sieve and merge slowed on purpose: the merge of 11 segments then outlasts sieving by seconds,
        // so the delete lands mid-merge however fast the machine renders (unslowed, it is over within a poll).
        using var host = await StartHostAsync(
            emulator.Azurite, "ChaosDeleteMerge", "--Primes:SegmentWidth=100000000", "--Primes:Faults:SegmentDelay=00:00:00.5");
        const string id = "primes-0-1000000000";
        await new JobClient(host.Http).StartAsync(0, 1_000_000_000);
        await new JobClient(host.Http).WaitForPhaseAsync(id, "merging");

        Assert.Equal(HttpStatusCode.NoContent, (await host.Http.DeleteAsync($"/api/primes/{id}")).StatusCode);
        await Task.Delay(TimeSpan.FromSeconds(8));

        Assert.Equal(HttpStatusCode.NotFound, (await host.Http.GetAsync($"/api/primes/{id}/results")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await host.Http.GetAsync($"/runtime/webhooks/durabletask/instances/{id}")).StatusCode);
        // Asked again, the range is a new job; its segments are cached, so it may be done within the start's wait.
        var again = await new JobClient(host.Http).StartAsync(0, 1_000_000_000);
        Assert.True(again.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.OK, $"the new start answered {again.StatusCode}");
        await host.Http.DeleteAsync($"/api/primes/{id}");
    }

    [Fact]
    public async Task A_host_and_its_storage_killed_together_resume_on_the_same_data()
    {
        var folder = Path.Combine(Path.GetTempPath(), "primefunctions-tests", Guid.NewGuid().ToString("N"));
        int blob = FreePorts.Next(), queue = FreePorts.Next(), table = FreePorts.Next(), port = FreePorts.Next();
        const ulong to = 40_000_000 - 1;
        var id = $"primes-0-{to}";
        string[] hub = ["--AzureFunctionsJobHost:extensions:durableTask:hubName=ChaosKillAll", $"--Primes:SegmentWidth={Width}", "--Primes:MaxTasksPerOrchestration=4"];
        try
        {
            var azurite = await AzuriteProcess.StartAsync(folder, blob, queue, table);
            using (var first = await LocalHostProcess.StartAsync(port, Settings(azurite, hub)))
            {
                using var http = new HttpClient { BaseAddress = first.BaseAddress };
                await new JobClient(http).StartAsync(0, to);
                await new JobClient(http).WaitForSegmentsAsync(id, 8);
                first.Kill();
                azurite.KillOutright();
                await azurite.DisposeAsync();
            }

            await using var restarted = await AzuriteProcess.StartAsync(folder, blob, queue, table);
            using var second = await LocalHostProcess.StartAsync(port, Settings(restarted, hub));
            using var client = new HttpClient { BaseAddress = second.BaseAddress };
            var (response, status) = await FollowWithLogAsync(second, client, id);
            var completed = response.StatusCode == HttpStatusCode.OK && status.GetProperty("runtimeStatus").GetString() == "Completed";
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                // Storage lost what it had acknowledged, the job's own record included: it is simply not there.
            }
            else if (!completed)
            {
                // Storage lost part of what it had acknowledged: the job may end failed, but with a reason.
                Assert.False(string.IsNullOrEmpty(status.GetProperty("output").GetString()));
            }

            // Either way, asking for the range again answers it: at once from storage, or by starting afresh.
            AssertSummaryOf(completed ? status.GetProperty("output") : await new JobClient(client).RunAsync(0, to), 0, to);
        }
        finally
        {
            TryDelete(folder);
        }
    }

    [Fact]
    public async Task Storage_gone_for_thirty_seconds_mid_job_then_back_the_job_completes()
    {
        var folder = Path.Combine(Path.GetTempPath(), "primefunctions-tests", Guid.NewGuid().ToString("N"));
        int blob = FreePorts.Next(), queue = FreePorts.Next(), table = FreePorts.Next();
        const ulong to = 40_000_000 - 1;
        var id = $"primes-0-{to}";
        try
        {
            var azurite = await AzuriteProcess.StartAsync(folder, blob, queue, table);
            using var host = await StartHostAsync(azurite, "ChaosOutage", $"--Primes:SegmentWidth={Width}", "--Primes:MaxTasksPerOrchestration=4");
            await new JobClient(host.Http).StartAsync(0, to);
            await new JobClient(host.Http).WaitForSegmentsAsync(id, 4);
            await azurite.DisposeAsync();
            await Task.Delay(TimeSpan.FromSeconds(30));

            await using var back = await AzuriteProcess.StartAsync(folder, blob, queue, table);
            var (_, status) = await FollowWithLogAsync(host.Process, host.Http, id);

            Assert.Equal("Completed", status.GetProperty("runtimeStatus").GetString());
            AssertSummaryOf(status.GetProperty("output"), 0, to);
        }
        finally
        {
            TryDelete(folder);
        }
    }

    [Fact]
    public async Task Azurite_stopped_right_after_writes_keeps_every_write_it_acknowledged()
    {
        var folder = Path.Combine(Path.GetTempPath(), "primefunctions-tests", Guid.NewGuid().ToString("N"));
        int blob = FreePorts.Next(), queue = FreePorts.Next(), table = FreePorts.Next();
        try
        {
            await using (var azurite = await AzuriteProcess.StartAsync(folder, blob, queue, table))
            {
                var storage = StorageAccount.FromConnectionString(azurite.ConnectionString);
                var container = storage.Blobs.GetBlobContainerClient("kept");
                await container.CreateIfNotExistsAsync();
                await container.GetBlobClient("b").UploadAsync(new BinaryData(new byte[3 << 20]));
                var rows = storage.Tables.GetTableClient("kept");
                await rows.CreateIfNotExistsAsync();
                await rows.AddEntityAsync(new TableEntity("p", "r"));
                var messages = new QueueClient(azurite.ConnectionString, "kept");
                await messages.CreateIfNotExistsAsync();
                await messages.SendMessageAsync("m");
            }

            await using var restarted = await AzuriteProcess.StartAsync(folder, blob, queue, table);
            var again = StorageAccount.FromConnectionString(restarted.ConnectionString);
            Assert.Equal(3 << 20, (await again.Blobs.GetBlobContainerClient("kept").GetBlobClient("b").GetPropertiesAsync()).Value.ContentLength);
            Assert.True((await again.Tables.GetTableClient("kept").GetEntityIfExistsAsync<TableEntity>("p", "r")).HasValue);
            Assert.Equal("m", (await new QueueClient(restarted.ConnectionString, "kept").PeekMessageAsync()).Value.Body.ToString());
        }
        finally
        {
            TryDelete(folder);
        }
    }

    private static string[] Settings(AzuriteProcess azurite, params string[] settings) =>
        [$"--AzureWebJobsStorage={azurite.ConnectionString}", "--Primes:RetryAfterSeconds=1", .. settings];

    private static async Task<HostUnderTest> StartHostAsync(AzuriteProcess azurite, string hub, params string[] settings)
    {
        var process = await LocalHostProcess.StartAsync(
            FreePorts.Next(), Settings(azurite, [$"--AzureFunctionsJobHost:extensions:durableTask:hubName={hub}", $"--Primes:SegmentWidth={Width}", .. settings]));
        return new HostUnderTest(process);
    }

    /// <summary>Follows a job's status URL for up to two minutes; on a time-out, says what the host logged at warning or worse.</summary>
    private static async Task<(HttpResponseMessage Response, JsonElement Body)> FollowWithLogAsync(LocalHostProcess host, HttpClient http, string id)
    {
        try
        {
            return await new JobClient(http).FollowAsync(new Uri(http.BaseAddress!, $"/runtime/webhooks/durabletask/instances/{id}"), TimeSpan.FromMinutes(2));
        }
        catch (Xunit.Sdk.XunitException e)
        {
            throw new Xunit.Sdk.XunitException($"{e.Message}\nThe host's warnings and errors:\n{host.Problems}");
        }
    }

    private static void AssertSummaryOf(JsonElement output, ulong from, ulong to)
    {
        var expected = NaivePrimes.PrimesIn(from, to);
        Assert.Equal(expected.Count, output.GetProperty("count").GetInt64());
        Assert.Equal(JobClient.Sha256(NaivePrimes.Text(expected)), output.GetProperty("sha256").GetString());
    }

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>A local host process and a client for it, disposed together.</summary>
    private sealed class HostUnderTest(LocalHostProcess process) : IDisposable
    {
        public LocalHostProcess Process { get; } = process;
        public HttpClient Http { get; } = new() { BaseAddress = process.BaseAddress, Timeout = TimeSpan.FromMinutes(2) };

        public void Dispose()
        {
            Http.Dispose();
            Process.Dispose();
        }
    }
}
