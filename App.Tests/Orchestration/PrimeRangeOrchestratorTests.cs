namespace PrimeFunctions.App.Tests.Orchestration;

/// <summary>
/// A range job's orchestration, one execution after another as continue-as-new would run them, with scripted
/// activities on a scripted clock: how it cuts the range into waves of batched sieves, what it carries from wave to
/// wave, how the merge runs beside the last wave, and what its status says when.
/// </summary>
public sealed class PrimeRangeOrchestratorTests
{
    // A grid of 10: [15, 164] touches segments 1 to 16, whole from 2 to 15, clipped at 1 and 16. Tasks of two
    // segments, three tasks a wave: waves of segments 1–6, 7–12 and 13–16. Each wave's sieves take 2 s, the merge 3 s.
    private const string Id = "primes-15-164";
    private const string RunId = "4f0c9a3e5b7d4e21a6c8b0d2e4f60718";
    private static readonly DateTimeOffset CreatedAt = new(2026, 11, 25, 11, 0, 0, TimeSpan.Zero);
    private static readonly RangeJob Job = new(
        15, 164, SegmentWidth: 10, MaxTasksPerOrchestration: 3, RunId, CreatedAt, MergeProgressSeconds: 5, SegmentsPerTask: 2);
    private static readonly JobSummary Summary = new(Id, 15, 164, 32, "2706", 17, 163, "ab12", 109, 16, 4);

    private static readonly DateTime Start = ScriptedOrchestrationContext.Start;
    private static readonly DateTime LastWaveStart = Start.AddSeconds(4);
    private static readonly DateTime LastSieveDone = Start.AddSeconds(6);
    private static readonly DateTime MergeDone = LastWaveStart.AddSeconds(3);

    private const string Sieve = nameof(SieveSegmentActivity);
    private const string Merge = nameof(MergeJobActivity);
    private const string MergeProgress = nameof(MergeProgressActivity);

    // Segment i holds 100 + i primes; every fourth one (4, 8, 12 and 16 here) is found already sieved.
    private static SegmentResult[] Sieved(SegmentTask task) =>
        [.. task.Indices.Select(i => new SegmentResult(i, 100 + i, Reused: i % 4 == 0))];

    // The primes of the whole segments, 2 to 15.
    private const long WholeSegmentPrimes = 14 * 100 + 119;

    [Fact]
    public async Task Each_execution_schedules_at_most_MaxTasksPerOrchestration_sieves()
    {
        var run = await RunToEndAsync(Script());

        Assert.Equal([3, 3, 2], run.Executions.Select(e => e.InputsOf<SegmentTask>(Sieve).Count()));
    }

    [Fact]
    public async Task Each_sieve_takes_at_most_SegmentsPerTask_segments()
    {
        var run = await RunToEndAsync(Script());

        Assert.All(run.Tasks, task => Assert.InRange(task.Indices.Count(), 1, Job.SegmentsPerTask));
    }

    [Fact]
    public async Task Every_segment_the_range_touches_is_sieved_exactly_once_across_the_waves_and_tasks()
    {
        var run = await RunToEndAsync(Script());

        Assert.Equal(Enumerable.Range(1, 16).Select(i => (long)i), run.Tasks.SelectMany(t => t.Indices).Order());
    }

    [Fact]
    public async Task Each_wave_sieves_the_segments_that_follow_the_last_waves()
    {
        var run = await RunToEndAsync(Script());

        Assert.Equal(
            [[1, 2, 3, 4, 5, 6], [7, 8, 9, 10, 11, 12], [13, 14, 15, 16]],
            run.Executions.Select(e => e.InputsOf<SegmentTask>(Sieve).SelectMany(t => t.Indices).Order().ToArray()));
    }

    [Fact]
    public async Task The_tasks_of_a_wave_take_its_segments_one_stride_apart()
    {
        var run = await RunToEndAsync(Script());

        Assert.Equal([[1, 4], [2, 5], [3, 6]], run.Executions[0].InputsOf<SegmentTask>(Sieve).Select(t => t.Indices.ToArray()));
    }

    [Fact]
    public async Task Sieves_are_asked_for_on_the_jobs_grid_under_its_id_and_run()
    {
        var run = await RunToEndAsync(Script());

        Assert.All(run.Tasks, task =>
        {
            Assert.Equal(10UL, task.SegmentWidth);
            Assert.Equal(new JobRun(Id, RunId), task.Run);
        });
    }

    [Fact]
    public async Task A_wave_asks_for_all_its_sieves_before_any_finishes()
    {
        var run = await RunToEndAsync(Script());

        Assert.Equal([Start, Start.AddSeconds(2), LastWaveStart], run.Executions.Select(e => Assert.Single(e.TimesOf(Sieve).Distinct())));
    }

    [Fact]
    public async Task Each_wave_but_the_last_continues_as_new_with_the_job_and_its_progress_so_far()
    {
        var run = await RunToEndAsync(Script());

        // Primes so far count whole segments only: 2 to 6 after the first wave, 2 to 12 after the second.
        Assert.Equal(Job with { Progress = new(JobPhase.Sieving, 6, 16, 1, 500 + 20, StartedAt: Start) }, run.Executions[0].ContinuedAsNewWith<RangeJob>());
        Assert.Equal(Job with { Progress = new(JobPhase.Sieving, 12, 16, 3, 1100 + 77, StartedAt: Start) }, run.Executions[1].ContinuedAsNewWith<RangeJob>());
        Assert.Null(run.Executions[2].ContinuedAsNewWith<RangeJob>());
    }

    [Fact]
    public async Task A_job_of_one_wave_never_continues_as_new()
    {
        var run = await RunToEndAsync(Script(), Job with { MaxTasksPerOrchestration = 8 });

        var only = Assert.Single(run.Executions);
        Assert.Equal(8, only.InputsOf<SegmentTask>(Sieve).Count());
        Assert.Equal(Summary, run.Output);
    }

    [Fact]
    public async Task Segments_are_counted_in_the_order_their_tasks_finish()
    {
        // The first wave's tasks take segments 1 and 4, 2 and 5, 3 and 6; they finish in the order 3, 1, 2.
        var finishing = new Dictionary<long, int> { [3] = 1, [1] = 2, [2] = 3 };
        var context = new ScriptedOrchestrationContext(Id, new ActivityScript()
            .On<SegmentTask, SegmentResult[]>(Sieve, Sieved, task => TimeSpan.FromSeconds(finishing[task.Index])));

        await context.RunAsync(c => new PrimeRangeOrchestrator().RunAsync(c, Job));

        // Segment 1 is clipped by the range: it is done, but its primes count only once the merge has clipped it.
        Assert.Equal(
            [
                new JobProgress(JobPhase.Sieving, 0, 16, 0, 0, StartedAt: Start),
                new(JobPhase.Sieving, 2, 16, 0, 103 + 106, StartedAt: Start),
                new(JobPhase.Sieving, 4, 16, 1, 103 + 106 + 104, StartedAt: Start),
                new(JobPhase.Sieving, 6, 16, 1, 103 + 106 + 104 + 102 + 105, StartedAt: Start),
            ],
            context.StatusesAs<JobProgress>());
    }

    [Fact]
    public async Task The_status_counts_reused_segments_and_the_primes_of_whole_segments()
    {
        var run = await RunToEndAsync(Script());

        var sieved = run.Statuses.First(s => s.SegmentsDone == s.SegmentsTotal);
        Assert.Equal((16L, 16L, 4L, WholeSegmentPrimes), (sieved.SegmentsDone, sieved.SegmentsTotal, sieved.SegmentsReused, sieved.PrimesSoFar));
    }

    [Fact]
    public async Task Segments_done_never_go_down_across_the_waves()
    {
        var run = await RunToEndAsync(Script());

        var done = run.Statuses.Select(s => s.SegmentsDone).ToList();
        Assert.Equal(done.Order(), done);
        Assert.Equal(16, done[^1]);
    }

    [Fact]
    public async Task The_phase_goes_from_sieving_to_merging_to_completed_and_never_back()
    {
        var run = await RunToEndAsync(SlowMergeScript(reads: [6, 12, 15]));

        JobPhase[] order = [JobPhase.Sieving, JobPhase.Merging, JobPhase.Completed];
        var steps = run.Statuses.Select(s => Array.IndexOf(order, s.Phase)).ToList();
        Assert.Equal(steps.Order(), steps);
        Assert.Equal([0, 1, 2], steps.Distinct());
    }

    [Fact]
    public async Task The_phase_turns_merging_when_the_last_sieve_finishes()
    {
        var run = await RunToEndAsync(Script());

        var firstMerging = run.Statuses.FindIndex(s => s.Phase == JobPhase.Merging);
        Assert.Equal(run.Statuses.FindIndex(s => s.SegmentsDone == s.SegmentsTotal), firstMerging);
    }

    [Fact]
    public async Task The_merge_is_called_once_in_the_final_execution()
    {
        var run = await RunToEndAsync(Script());

        Assert.Equal([0, 0, 1], run.Executions.Select(e => e.InputsOf<MergeRequest>(Merge).Count()));
    }

    [Fact]
    public async Task The_merge_starts_with_the_last_wave_before_its_sieves_finish()
    {
        var run = await RunToEndAsync(Script());

        var last = run.Executions[^1];
        Assert.Equal(LastWaveStart, Assert.Single(last.TimesOf(Merge)));
        Assert.Equal(LastSieveDone, run.Statuses[^1].SievedAt);
    }

    [Fact]
    public async Task The_merge_is_given_the_job_without_its_progress()
    {
        var run = await RunToEndAsync(Script());

        Assert.Equal(new MergeRequest(Id, Job), run.Executions[^1].InputsOf<MergeRequest>(Merge).Single());
    }

    [Fact]
    public async Task The_output_is_the_summary_the_merge_wrote()
    {
        var run = await RunToEndAsync(Script());

        Assert.Equal(Summary, run.Output);
    }

    [Fact]
    public async Task A_merge_done_before_the_first_tick_reads_no_progress()
    {
        // The script answers no progress reads: one would fail the run.
        var run = await RunToEndAsync(Script());

        Assert.DoesNotContain(run.Executions[^1].Calls, c => c.Name == MergeProgress);
    }

    [Fact]
    public async Task A_long_merge_is_read_every_MergeProgressSeconds_while_it_runs()
    {
        // The merge runs 18 s from the last wave's start: ticks at 5, 10 and 15 s, none after it ends.
        var run = await RunToEndAsync(SlowMergeScript(reads: [6, 12, 15]));

        var last = run.Executions[^1];
        Assert.Equal([5, 10, 15], last.TimesOf(MergeProgress).Select(t => (t - LastWaveStart).TotalSeconds));
        Assert.Equal([Id, Id, Id], last.InputsOf<string>(MergeProgress));
    }

    [Fact]
    public async Task A_long_merge_shows_how_far_it_has_come_after_each_tick()
    {
        var run = await RunToEndAsync(SlowMergeScript(reads: [6, 12, 15]));

        Assert.Equal([0, 6, 12, 15], run.Statuses.Where(s => s.Phase == JobPhase.Merging).Select(s => s.SegmentsMerged).Distinct());
    }

    [Fact]
    public async Task The_job_starts_when_its_first_wave_does_and_keeps_that_time_through_the_waves()
    {
        var run = await RunToEndAsync(Script());

        Assert.All(run.Statuses, s => Assert.Equal(Start, s.StartedAt));
    }

    [Fact]
    public async Task Sieving_ends_when_the_last_sieve_finishes()
    {
        var run = await RunToEndAsync(Script());

        Assert.Equal(LastSieveDone, run.Statuses[^1].SievedAt);
        Assert.All(run.Statuses.Where(s => s.SegmentsDone < s.SegmentsTotal), s => Assert.Null(s.SievedAt));
    }

    [Fact]
    public async Task Merging_ends_when_the_merge_does()
    {
        var run = await RunToEndAsync(Script());

        Assert.Equal(MergeDone, run.Statuses[^1].MergedAt);
        Assert.All(run.Statuses.SkipLast(1), s => Assert.Null(s.MergedAt));
    }

    [Fact]
    public async Task A_merge_that_ends_before_the_last_sieve_completes_the_job_only_once_that_sieve_is_done()
    {
        // A merge done in 1 s: the job's merge was written before, so it returns at once.
        var run = await RunToEndAsync(Script(Summary, mergeTakes: 1));

        var done = run.Statuses[^1];
        Assert.Equal(JobPhase.Completed, done.Phase);
        Assert.Equal(16, done.SegmentsDone);
        Assert.Equal(LastSieveDone, done.MergedAt);
    }

    [Fact]
    public async Task The_times_of_a_job_are_in_order()
    {
        var run = await RunToEndAsync(SlowMergeScript(reads: [6, 12, 15]));

        var done = run.Statuses[^1];
        Assert.True(done.StartedAt < done.SievedAt && done.SievedAt < done.MergedAt, $"{done.StartedAt} < {done.SievedAt} < {done.MergedAt}");
    }

    [Fact]
    public async Task A_completed_job_shows_the_reuse_count_of_the_summary_it_serves()
    {
        // The summary may come from a merge that finished the job before this run's sieves reported (merged before, or by a twin).
        var merged = Summary with { SegmentsReused = 16 };

        var run = await RunToEndAsync(Script(merged));

        Assert.Equal(16, run.Statuses[^1].SegmentsReused);
        Assert.Equal(merged, run.Output);
    }

    [Fact]
    public async Task A_completed_job_shows_its_count_as_the_primes_so_far_and_every_segment_merged()
    {
        var run = await RunToEndAsync(Script());

        Assert.Equal(
            new JobProgress(JobPhase.Completed, 16, 16, 4, Summary.Count, SegmentsMerged: 16, StartedAt: Start, SievedAt: LastSieveDone, MergedAt: MergeDone),
            run.Statuses[^1]);
    }

    [Fact]
    public async Task A_job_deleted_before_its_merge_wrote_the_summary_ends_with_no_output_and_says_deleted()
    {
        var run = await RunToEndAsync(Script(merged: null));

        Assert.Null(run.Output);
        Assert.Equal(
            new JobProgress(JobPhase.Deleted, 16, 16, 4, 0, StartedAt: Start, SievedAt: LastSieveDone, MergedAt: MergeDone),
            run.Statuses[^1]);
    }

    private static ActivityScript Script(JobSummary? merged, int mergeTakes = 3) =>
        new ActivityScript()
            .On<SegmentTask, SegmentResult[]>(Sieve, Sieved, _ => TimeSpan.FromSeconds(2))
            .On<MergeRequest, JobSummary?>(Merge, _ => merged, _ => TimeSpan.FromSeconds(mergeTakes));

    private static ActivityScript Script() => Script(Summary);

    /// <summary>A merge of 18 s, whose progress reads answer <paramref name="reads"/> in turn.</summary>
    private static ActivityScript SlowMergeScript(long[] reads)
    {
        var read = 0;
        return Script(Summary, mergeTakes: 18).On<string, long>(MergeProgress, _ => reads[read++]);
    }

    /// <summary>
    /// Runs the job's executions one after another, each on the input the one before continued as new with, from the
    /// time the one before ended.
    /// </summary>
    private static async Task<Executed> RunToEndAsync(ActivityScript script, RangeJob? job = null)
    {
        var executions = new List<ScriptedOrchestrationContext>();
        var input = job ?? Job;
        while (true)
        {
            var context = new ScriptedOrchestrationContext(Id, script, executions.LastOrDefault()?.CurrentUtcDateTime);
            executions.Add(context);
            var output = await context.RunAsync(c => new PrimeRangeOrchestrator().RunAsync(c, input));
            if (context.ContinuedAsNewWith<RangeJob>() is not { } next)
            {
                return new Executed(executions, output);
            }

            input = next;
        }
    }

    private sealed record Executed(List<ScriptedOrchestrationContext> Executions, JobSummary? Output)
    {
        public List<JobProgress> Statuses => Executions.SelectMany(e => e.StatusesAs<JobProgress>()).ToList();

        public List<SegmentTask> Tasks => Executions.SelectMany(e => e.InputsOf<SegmentTask>(Sieve)).ToList();
    }

    [Fact]
    public async Task A_failed_progress_read_does_not_fail_a_job_whose_merge_succeeds()
    {
        var job = new RangeJob(15, 164, SegmentWidth: 10, MaxTasksPerOrchestration: 8, RunId, DateTimeOffset.UnixEpoch, MergeProgressSeconds: 5, SegmentsPerTask: 2);
        var summary = new JobSummary("j", 15, 164, 32, "2706", 17, 163, "ab12", 109, 16, 0);
        var context = new ScriptedOrchestrationContext("j", new ActivityScript()
            .On<SegmentTask, SegmentResult[]>(nameof(SieveSegmentActivity), t => [.. t.Indices.Select(i => new SegmentResult(i, 1, false))], _ => TimeSpan.FromSeconds(2))
            .On<MergeRequest, JobSummary?>(nameof(MergeJobActivity), _ => summary, _ => TimeSpan.FromSeconds(8))
            .On<string, long>(nameof(MergeProgressActivity), _ => throw new InvalidOperationException("table read timed out")));

        Assert.Equal(summary, await context.RunAsync(c => new PrimeRangeOrchestrator().RunAsync(c, job)));
        Assert.Equal(16, context.StatusesAs<JobProgress>().Last().SegmentsMerged);
    }
}
