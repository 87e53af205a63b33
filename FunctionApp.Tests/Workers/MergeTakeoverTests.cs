using System.Diagnostics;
using PrimeFunctions.Storage;
using PrimeFunctions.Tests.Fixtures;
using Xunit.Abstractions;

namespace PrimeFunctions.Tests.Workers;

/// <summary>
/// A merge that loses its claim: its worker is stopped (SIGSTOP) long enough for the merge to be delivered again to the
/// other worker, whose twin takes the unrenewed claim over and completes the job; the first, continued, finds it lost
/// the claim. Nobody deleted the job, so it must end Completed with its summary, not "deleted" with no output.
/// </summary>
[LongRunning(85)]
public sealed class MergeTakeoverTests(ITestOutputHelper output)
{
    [NeedsToolsFact("primesieve", "primecount", "sha256sum")]
    public async Task A_merge_that_loses_its_claim_to_a_twin_leaves_the_job_completed_with_its_summary()
    {
        await using var fleet = await WorkerFleet.StartAsync([[], []], "--Primes:SegmentWidth=10000000", "--Primes:Faults:SegmentDelay=00:00:00.3");
        var job = new WorkerJob(fleet, 0, 199_999_999);
        await job.StartOnAsync(0);

        var clock = Stopwatch.StartNew();
        while (fleet.MergingWorker(job.Id) is null)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromMinutes(1), $"no merge started\n{fleet.Problems}");
            await Task.Delay(100);
        }

        var holder = fleet.MergingWorker(job.Id)!.Value;
        var twin = 1 - holder;
        fleet.Signal(holder, "STOP");
        try
        {
            // The stopped worker renews neither its message (visible again after 20 s) nor its claim (taken over after 15 s more).
            while (!fleet.Output(twin).Contains($"Merging job {job.Id}.", StringComparison.Ordinal))
            {
                Assert.True(clock.Elapsed < TimeSpan.FromMinutes(4), $"no twin took the merge over\n{fleet.Problems}");
                await Task.Delay(200);
            }

            // The status may not move while the holder is stopped (it may hold the orchestration too): read the summary row.
            var manifests = new JobManifestStore(fleet.Storage);
            while (await manifests.FindSummaryAsync(job.Id) is null)
            {
                Assert.True(clock.Elapsed < TimeSpan.FromMinutes(10), $"the twin did not complete the merge\n{fleet.Problems}");
                await Task.Delay(500);
            }
        }
        finally
        {
            fleet.Signal(holder, "CONT");
        }

        var done = await job.CompletedAsync(TimeSpan.FromMinutes(5));
        output.WriteLine($"completed {clock.Elapsed.TotalSeconds:F0} s after the merge started");
        await job.AssertCompletedAsync(done, segments: 20, reused: 0);
        Assert.Equal("completed", WorkerJob.FinalProgress(done)?.GetProperty("phase").GetString() ?? "completed");
        Assert.DoesNotContain($"Job {job.Id} was deleted", fleet.Output(holder) + fleet.Output(twin), StringComparison.Ordinal);
    }
}
