namespace PrimeFunctions.App.Tests.Orchestration;

public sealed class JobProgressTests
{
    private static readonly RangeJob Job = new(15, 44, SegmentWidth: 10, MaxTasksPerOrchestration: 10, RunId: "run-1", CreatedAt: DateTimeOffset.UnixEpoch);

    [Fact]
    public void Only_segments_wholly_inside_the_range_are_covered()
    {
        Assert.Equal([false, true, true, false], Enumerable.Range(1, 4).Select(i => Job.Covers(i)));
    }

    [Fact]
    public void Primes_so_far_counts_whole_segments_only_so_it_never_passes_the_jobs_count()
    {
        // Primes in [15, 44]: 17 19 23 29 31 37 41 43 — eight. Segments [10,19] and [40,49] hold 11 13 17 19 and 41 43 47.
        var progress = new JobProgress(JobPhase.Sieving, 0, Job.SegmentCount, 0, 0);
        foreach (var (index, count) in new[] { (1L, 4L), (2L, 2L), (3L, 2L), (4L, 3L) })
        {
            progress = progress.Add(new SegmentResult(index, count, Reused: false), Job.Covers(index));
        }

        Assert.Equal(4, progress.SegmentsDone);
        Assert.Equal(4, progress.PrimesSoFar);
    }
}
