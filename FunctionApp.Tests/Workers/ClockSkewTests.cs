using PrimeFunctions.Tests.Fixtures;

namespace PrimeFunctions.Tests.Workers;

/// <summary>
/// Two workers whose clocks are two minutes apart (one run under <c>faketime</c>) share overlapping jobs on a 10^7 grid
/// (the default 10^8 grid's segment counts at a tenth of the work), each job posted to the other worker than the last:
/// the reuse counts are exact, because which segments a job found stored is known by its run id, not by comparing the
/// times two machines wrote.
/// </summary>
[LongRunning(140)]
public sealed class ClockSkewTests
{
    // [0, 2·10^8] sieves segments 0–20; [10^8, 3·10^8] (10–30) finds 10–20 stored; [5·10^7, 2.5·10^8] (5–25) finds all;
    // [0, 3·10^8] (0–30) finds all 31.
    private static readonly (ulong From, ulong To, long Segments, long Reused)[] Jobs =
    [
        (0, 200_000_000, 21, 0),
        (100_000_000, 300_000_000, 21, 11),
        (50_000_000, 250_000_000, 21, 21),
        (0, 300_000_000, 31, 31),
    ];

    [NeedsToolsTheory("primesieve", "primecount", "sha256sum", "faketime")]
    [InlineData("-120s")]
    [InlineData("+120s")]
    public async Task Overlapping_jobs_alternating_between_workers_with_clocks_two_minutes_apart_count_reuse_exactly(string offset)
    {
        await using var fleet = await WorkerFleet.StartAsync([[], ["faketime", "-f", offset]], "--Primes:SegmentWidth=10000000");

        for (var i = 0; i < Jobs.Length; i++)
        {
            var (from, to, segments, reused) = Jobs[i];
            var job = new WorkerJob(fleet, from, to);
            await job.StartOnAsync(i % 2);
            await job.AssertCompletedAsync(await job.CompletedAsync(TimeSpan.FromMinutes(4)), segments, reused);
        }
    }
}
