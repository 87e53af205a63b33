using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PrimeFunctions.Tests.Fixtures;

namespace PrimeFunctions.Tests.EndToEnd;

/// <summary>
/// Faults while a job of 10 to 20 segments merges — its host killed, its status read, the job deleted — each segment
/// slowed on purpose so that the fault lands mid-merge. Each runs its own local host process on a task hub of its own;
/// segments are 10^7 wide, so the tests mostly wait on the slowed segments.
/// </summary>
[LongRunning(150)]
public sealed class MergeChaosTests(AzuriteFixture emulator) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task A_host_killed_while_merging_finishes_the_job_on_restart()
    {
        // Slowed on purpose, so that the kill lands mid-merge however fast the machine renders.
        string[] hub = ["--AzureFunctionsJobHost:extensions:durableTask:hubName=ChaosMergeKill", "--Primes:SegmentWidth=10000000", "--Primes:Faults:SegmentDelay=00:00:00.5"];
        var port = FreePorts.Next();
        const ulong to = 100_000_000;
        using (var first = await LocalHostProcess.StartAsync(port, HostUnderTest.Settings(emulator.Azurite, hub)))
        {
            using var http = new HttpClient { BaseAddress = first.BaseAddress };
            await new JobClient(http).StartAsync(0, to);
            await new JobClient(http).WaitForPhaseAsync($"primes-0-{to}", "merging");
            first.Kill();
        }

        using var second = await LocalHostProcess.StartAsync(port, HostUnderTest.Settings(emulator.Azurite, hub));
        using var client = new HttpClient { BaseAddress = second.BaseAddress };
        var (_, status) = await HostUnderTest.FollowWithLogAsync(second, client, $"primes-0-{to}");

        Assert.Equal("Completed", status.GetProperty("runtimeStatus").GetString());
        Assert.Equal(5_761_455, status.GetProperty("output").GetProperty("count").GetInt64());
    }

    [Fact]
    public async Task A_long_merge_shows_its_progress_in_the_status()
    {
        // Long on purpose: 20 segments at half a second each, however fast the machine renders.
        using var host = await HostUnderTest.StartAsync(
            emulator.Azurite, "ChaosMergeProgress", "--Primes:SegmentWidth=10000000", "--Primes:MergeProgressSeconds=1", "--Primes:Faults:SegmentDelay=00:00:00.5");
        const string id = "primes-0-199999999";
        await new JobClient(host.Http).StartAsync(0, 199_999_999);

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

        Assert.Equal(11_078_937, status.GetProperty("output").GetProperty("count").GetInt64());
        Assert.InRange(mostMerged, 1, total);
    }

    [Fact]
    public async Task A_job_terminated_while_it_merges_serves_no_results_until_asked_again()
    {
        // The merge cannot see a termination sent through the built-in route, and writes its summary after it: the
        // status says Terminated, so the results must say so too — until the range is started again. (Each test of
        // this class has a range of its own: they share one storage account, and so its manifests.)
        using var host = await HostUnderTest.StartAsync(
            emulator.Azurite, "ChaosTerminateMerge", "--Primes:SegmentWidth=10000000", "--Primes:Faults:SegmentDelay=00:00:00.5");
        const string id = "primes-2-100000000";
        await new JobClient(host.Http).StartAsync(2, 100_000_000);
        await new JobClient(host.Http).WaitForPhaseAsync(id, "merging");

        var terminate = await host.Http.PostAsync($"/runtime/webhooks/durabletask/instances/{id}/terminate?reason=stop", content: null);
        Assert.Equal(HttpStatusCode.Accepted, terminate.StatusCode);
        await Task.Delay(TimeSpan.FromSeconds(12));

        var status = JsonDocument.Parse(await host.Http.GetStringAsync($"/runtime/webhooks/durabletask/instances/{id}")).RootElement;
        Assert.Equal("Terminated", status.GetProperty("runtimeStatus").GetString());
        var results = await host.Http.GetAsync($"/api/primes/{id}/results?limit=5");
        Assert.Equal(HttpStatusCode.Conflict, results.StatusCode);
        Assert.Equal("Terminated", JsonDocument.Parse(await results.Content.ReadAsStringAsync()).RootElement.GetProperty("runtimeStatus").GetString());

        // Asked again, the range runs anew: it finds its segments (and any summary) stored, and its results are served.
        var again = await new JobClient(host.Http).RunAsync(2, 100_000_000);
        Assert.Equal(5_761_455, again.GetProperty("count").GetInt64());
        Assert.Equal(HttpStatusCode.OK, (await host.Http.GetAsync($"/api/primes/{id}/results?limit=5")).StatusCode);
        await host.Http.DeleteAsync($"/api/primes/{id}");
    }

    [Fact]
    public async Task A_job_deleted_while_it_merges_stays_deleted()
    {
        // Each segment's sieve and merge slowed on purpose: the merge of 11 segments then outlasts sieving by seconds,
        // so the delete lands mid-merge however fast the machine renders (unslowed, it is over within a poll).
        using var host = await HostUnderTest.StartAsync(
            emulator.Azurite, "ChaosDeleteMerge", "--Primes:SegmentWidth=10000000", "--Primes:Faults:SegmentDelay=00:00:00.5");
        const string id = "primes-1-100000000";
        await new JobClient(host.Http).StartAsync(1, 100_000_000);
        await new JobClient(host.Http).WaitForPhaseAsync(id, "merging");

        Assert.Equal(HttpStatusCode.NoContent, (await host.Http.DeleteAsync($"/api/primes/{id}")).StatusCode);
        await Task.Delay(TimeSpan.FromSeconds(8));

        Assert.Equal(HttpStatusCode.NotFound, (await host.Http.GetAsync($"/api/primes/{id}/results")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await host.Http.GetAsync($"/runtime/webhooks/durabletask/instances/{id}")).StatusCode);
        // Asked again, the range is a new job; its segments are cached, so it may be done within the start's wait.
        var again = await new JobClient(host.Http).StartAsync(1, 100_000_000);
        Assert.True(again.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.OK, $"the new start answered {again.StatusCode}");
        await host.Http.DeleteAsync($"/api/primes/{id}");
    }
}
