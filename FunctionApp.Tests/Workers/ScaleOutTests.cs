using System.Diagnostics;
using PrimeFunctions.Tests.Fixtures;
using Xunit.Abstractions;

namespace PrimeFunctions.Tests.Workers;

/// <summary>One job over three workers: each takes sieve work, and the job survives losing one mid-sieve and another mid-merge.</summary>
[LongRunning(140)]
public sealed class ScaleOutTests(ITestOutputHelper output)
{
    [NeedsToolsFact("primesieve", "primecount", "sha256sum")]
    public async Task A_job_spread_over_three_workers_finishes_right_after_one_is_killed_mid_sieve_and_the_merging_one_mid_merge()
    {
        // One segment of 10^7 a task, each slowed, and one activity at a time on each worker (host.json: 2), so that
        // the work spreads over all three and both kills land while there is work left.
        await using var fleet = await WorkerFleet.StartAsync(
            [[], [], []],
            "--Primes:SegmentWidth=10000000",
            "--Primes:SegmentsPerTask=1",
            "--Primes:Faults:SegmentDelay=00:00:01",
            "--AzureFunctionsJobHost:extensions:durableTask:maxConcurrentActivityFunctions=1");
        var job = new WorkerJob(fleet, 0, 399_999_999);
        await job.StartOnAsync(0);

        var spread = Stopwatch.StartNew();
        while (fleet.SettledSegmentsOf(job.Id).Count < 3 || fleet.MergingWorker(job.Id) is null)
        {
            Assert.True(spread.Elapsed < TimeSpan.FromMinutes(2), $"settled on workers {string.Join(",", fleet.SettledSegmentsOf(job.Id))} only\n{fleet.Problems}");
            await Task.Delay(200);
        }

        var merging = fleet.MergingWorker(job.Id)!.Value;
        var sieving = Enumerable.Range(0, 3).First(w => w != merging);
        var status = await job.StatusAsync();
        Assert.Equal("sieving", status?.GetProperty("customStatus").GetProperty("phase").GetString());
        fleet.Kill(sieving);
        var sinceFirstKill = Stopwatch.StartNew();

        await job.WaitUntilAsync(s => s.GetProperty("customStatus").GetProperty("segmentsMerged").GetInt64() >= 5, "5 segments merged", TimeSpan.FromMinutes(3));
        Assert.True(fleet.IsAlive(merging));
        var completedWithoutSecondKill = (await job.StatusAsync())?.GetProperty("runtimeStatus").GetString() == "Completed";
        Assert.False(completedWithoutSecondKill, "the job finished before the merging worker could be killed");
        fleet.Kill(merging);
        var sinceSecondKill = Stopwatch.StartNew();

        var done = await job.CompletedAsync(TimeSpan.FromMinutes(10));
        output.WriteLine($"finished {sinceFirstKill.Elapsed.TotalSeconds:F0} s after the mid-sieve kill, {sinceSecondKill.Elapsed.TotalSeconds:F0} s after the mid-merge kill");
        await job.AssertCompletedAsync(done, segments: 40, reused: 0);
    }
}
