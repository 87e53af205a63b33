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
/// fail, a host and its storage killed together, storage gone for half a minute. Each runs its own local host
/// process on a task hub of its own. (Faults while a wide job merges: <see cref="MergeChaosTests"/>.)
/// </summary>
[Collection(Outages.Name)]
public sealed class ChaosTests(AzuriteFixture emulator) : IClassFixture<AzuriteFixture>
{
    private const ulong Width = 1_000_000;

    [Fact]
    public async Task With_a_tenth_of_activity_runs_failing_jobs_still_complete_with_the_right_primes()
    {
        // One segment a task: 21 sieves and a merge, so at least the 10th and the 20th of the host's activity runs fail.
        using var host = await StartHostAsync(emulator.Azurite, "ChaosFaults", "--Primes:Faults:ActivityFailureRate=0.1", "--Primes:SegmentsPerTask=1");
        var jobs = new JobClient(host.Http);

        var output = await jobs.RunAsync(1_000_000_000, 1_020_000_000);

        AssertSummaryOf(output, 1_000_000_000, 1_020_000_000);
        Assert.Equal(21, output.GetProperty("segments").GetInt64());
        Assert.InRange(InjectedFaults(host.Process), 2, 3);
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
        // All five tries of its sieve failed, and as many of the merge's beside it as ran before the job was failed.
        Assert.InRange(InjectedFaults(host.Process), 5, 10);
        var list = await host.Http.GetFromJsonAsync<JsonElement>("/api/primes?status=Failed");
        Assert.Contains("on purpose", list.GetProperty("jobs")[0].GetProperty("failure").GetString());
        var results = await host.Http.GetAsync(started.GetProperty("resultsUri").GetString());
        Assert.Equal(HttpStatusCode.Conflict, results.StatusCode);
        var problem = await results.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("on purpose", problem.GetProperty("reason").GetString());
        Assert.DoesNotContain("   at ", problem.GetRawText());
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
            using (var first = await LocalHostProcess.StartAsync(port, HostUnderTest.Settings(azurite, hub)))
            {
                using var http = new HttpClient { BaseAddress = first.BaseAddress };
                await new JobClient(http).StartAsync(0, to);
                await new JobClient(http).WaitForSegmentsAsync(id, 8);
                first.Kill();
                azurite.KillOutright();
                await azurite.DisposeAsync();
            }

            await using var restarted = await AzuriteProcess.StartAsync(folder, blob, queue, table);
            using var second = await LocalHostProcess.StartAsync(port, HostUnderTest.Settings(restarted, hub));
            using var client = new HttpClient { BaseAddress = second.BaseAddress };
            var (response, status) = await HostUnderTest.FollowWithLogAsync(second, client, id);
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
            var (_, status) = await HostUnderTest.FollowWithLogAsync(host.Process, host.Http, id);

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

    private static Task<HostUnderTest> StartHostAsync(AzuriteProcess azurite, string hub, params string[] settings) =>
        HostUnderTest.StartAsync(azurite, hub, [$"--Primes:SegmentWidth={Width}", .. settings]);

    /// <summary>Faults the host logged injecting (<see cref="PrimeFunctions.Orchestration.FaultInjection"/>).</summary>
    private static int InjectedFaults(LocalHostProcess host) =>
        host.Output.Split('\n').Count(line => line.Contains("Injected fault ", StringComparison.Ordinal));

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

}
