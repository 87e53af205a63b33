using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PrimeFunctions.LocalHost;
using PrimeFunctions.Tests.Fixtures;

namespace PrimeFunctions.Tests.EndToEnd;

/// <summary>
/// Activities that fail, each job ending in an answer checked against a plain sieve or in a failure that says why.
/// Each runs its own local host process on a task hub of its own. (A host and its storage killed together:
/// <see cref="HostAndStorageKilledTests"/>; storage gone mid-job: <see cref="StorageRestartTests"/>; faults while a
/// job merges: <see cref="MergeChaosTests"/>.)
/// </summary>
[LongRunning(60)]
public sealed class ChaosTests(AzuriteFixture emulator) : IClassFixture<AzuriteFixture>
{
    private const ulong Width = 1_000_000;

    [NeedsToolsFact("primesieve", "primecount", "sha256sum")]
    public async Task With_a_tenth_of_activity_runs_failing_jobs_still_complete_with_the_right_primes()
    {
        // One segment a task: 21 sieves and a merge, so at least the 10th and the 20th of the host's activity runs fail.
        using var host = await StartHostAsync(emulator.Azurite, "ChaosFaults", "--Primes:Faults:ActivityFailureRate=0.1", "--Primes:SegmentsPerTask=1");
        var jobs = new JobClient(host.Http);

        var output = await jobs.RunAsync(1_000_000_000, 1_020_000_000);

        await JobClient.AssertSummaryOfAsync(output, 1_000_000_000, 1_020_000_000);
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

    private static Task<HostUnderTest> StartHostAsync(AzuriteProcess azurite, string hub, params string[] settings) =>
        HostUnderTest.StartAsync(azurite, hub, [$"--Primes:SegmentWidth={Width}", .. settings]);

    /// <summary>Faults the host logged injecting (<see cref="PrimeFunctions.Orchestration.FaultInjection"/>).</summary>
    private static int InjectedFaults(LocalHostProcess host) =>
        host.Output.Split('\n').Count(line => line.Contains("Injected fault ", StringComparison.Ordinal));
}
