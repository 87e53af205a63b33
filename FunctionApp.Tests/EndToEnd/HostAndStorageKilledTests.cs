using System.Net;
using PrimeFunctions.LocalHost;
using PrimeFunctions.Tests.Fixtures;

namespace PrimeFunctions.Tests.EndToEnd;

/// <summary>
/// A host and its storage killed together mid-job, then both restarted on the same data: the job completes, or, where
/// storage lost what it had acknowledged, the range asked again is answered right. A host and an Azurite of its own.
/// </summary>
[LongRunning(50)]
public sealed class HostAndStorageKilledTests
{
    private const ulong Width = 1_000_000;

    [NeedsToolsFact("primesieve", "primecount", "sha256sum")]
    public async Task A_host_and_its_storage_killed_together_resume_on_the_same_data()
    {
        var folder = ScratchFolders.New();
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
            await JobClient.AssertSummaryOfAsync(completed ? status.GetProperty("output") : await new JobClient(client).RunAsync(0, to), 0, to);
        }
        finally
        {
            ScratchFolders.TryDelete(folder);
        }
    }
}
