namespace PrimeFunctions.App.Tests.Orchestration;

/// <summary>
/// A range job's orchestration, one execution after another as continue-as-new would run them, with scripted
/// activities: how it cuts the range into waves, what it carries from wave to wave, what its status says, and how it
/// merges.
/// </summary>
public sealed class PrimeRangeOrchestratorTests
{
    // A grid of 10: [15, 104] touches segments 1 to 10, whole from 2 to 9, clipped at 1 and 10; three sieves a wave.
    private const string Id = "primes-15-104";
    private static readonly DateTimeOffset CreatedAt = new(2026, 11, 25, 11, 0, 0, TimeSpan.Zero);
    private static readonly RangeJob Job = new(15, 104, SegmentWidth: 10, MaxTasksPerOrchestration: 3, CreatedAt, MergeProgressSeconds: 5);
    private static readonly JobSummary Summary = new(Id, 15, 104, 21, "1139", 17, 103, "ab12", 57, 10, 2);

    private const string Sieve = nameof(SieveSegmentActivity);
    private const string Merge = nameof(MergeJobActivity);
    private const string MergeProgress = nameof(MergeProgressActivity);

    // Segment i holds 100 + i primes; every fourth one (4 and 8 here) is found already sieved.
    private static SegmentResult Sieved(SegmentTask task) => new(task.Index, 100 + task.Index, Reused: task.Index % 4 == 0);

    [Fact]
    public async Task Each_execution_schedules_at_most_MaxTasksPerOrchestration_sieves()
    {
        var run = await RunToEndAsync(Script());

        Assert.Equal([3, 3, 3, 1], run.Executions.Select(e => e.InputsOf<SegmentTask>(Sieve).Count()));
    }

    [Fact]
    public async Task Every_segment_the_range_touches_is_sieved_once_in_order_across_the_waves()
    {
        var run = await RunToEndAsync(Script());

        Assert.Equal(Enumerable.Range(1, 10).Select(i => (long)i), run.Executions.SelectMany(e => e.InputsOf<SegmentTask>(Sieve)).Select(t => t.Index));
    }

    [Fact]
    public async Task Sieves_are_asked_for_on_the_jobs_grid_under_its_id_and_creation_time()
    {
        var run = await RunToEndAsync(Script());

        Assert.All(run.Executions.SelectMany(e => e.InputsOf<SegmentTask>(Sieve)), task =>
        {
            Assert.Equal(10UL, task.SegmentWidth);
            Assert.Equal(Id, task.JobId);
            Assert.Equal(CreatedAt, task.JobCreatedAt);
        });
    }

    [Fact]
    public async Task Each_wave_continues_as_new_with_the_job_and_its_progress_so_far()
    {
        var run = await RunToEndAsync(Script());

        // Primes so far count whole segments only: 2 and 3 after the first wave, then 4 to 6, then 7 to 9.
        Assert.Equal(Job with { Progress = new JobProgress("sieving", 3, 10, 0, 102 + 103) }, run.Executions[0].ContinuedAsNewWith<RangeJob>());
        Assert.Equal(Job with { Progress = new JobProgress("sieving", 6, 10, 1, 520) }, run.Executions[1].ContinuedAsNewWith<RangeJob>());
        Assert.Equal(Job with { Progress = new JobProgress("sieving", 9, 10, 2, 844) }, run.Executions[2].ContinuedAsNewWith<RangeJob>());
        Assert.Null(run.Executions[3].ContinuedAsNewWith<RangeJob>());
    }

    [Fact]
    public async Task A_job_of_one_wave_never_continues_as_new()
    {
        var run = await RunToEndAsync(Script(), Job with { MaxTasksPerOrchestration = 10 });

        var only = Assert.Single(run.Executions);
        Assert.Equal(10, only.InputsOf<SegmentTask>(Sieve).Count());
        Assert.Equal(Summary, run.Output);
    }

    [Fact]
    public async Task A_wave_asks_for_all_its_sieves_before_it_waits_for_any()
    {
        var pending = new List<TaskCompletionSource<SegmentResult>>();
        var context = new ScriptedOrchestrationContext(Id, new ActivityScript().On<SegmentTask, SegmentResult>(Sieve, _ =>
        {
            pending.Add(new TaskCompletionSource<SegmentResult>());
            return pending[^1].Task;
        }));

        var execution = new PrimeRangeOrchestrator().RunAsync(context, Job);

        Assert.Equal(3, context.Calls.Count);
        Assert.False(execution.IsCompleted);
        pending.ForEach(p => p.SetResult(new SegmentResult(0, 0, Reused: false)));
        await execution;
    }

    [Fact]
    public async Task Segments_are_counted_in_the_order_they_finish()
    {
        var pending = new Dictionary<long, TaskCompletionSource<SegmentResult>>();
        var context = new ScriptedOrchestrationContext(Id, new ActivityScript().On<SegmentTask, SegmentResult>(Sieve, task =>
        {
            pending[task.Index] = new TaskCompletionSource<SegmentResult>();
            return pending[task.Index].Task;
        }));
        var execution = new PrimeRangeOrchestrator().RunAsync(context, Job);

        foreach (var index in new long[] { 3, 1, 2 })
        {
            pending[index].SetResult(new SegmentResult(index, 100 + index, Reused: false));
        }

        await execution;
        // Segment 1 is clipped by the range: it is done, but its primes count only once the merge has clipped it.
        Assert.Equal(
            [new JobProgress("sieving", 0, 10, 0, 0), new("sieving", 1, 10, 0, 103), new("sieving", 2, 10, 0, 103), new("sieving", 3, 10, 0, 205)],
            context.StatusesAs<JobProgress>());
    }

    [Fact]
    public async Task The_status_counts_reused_segments_and_the_primes_of_whole_segments()
    {
        var run = await RunToEndAsync(Script());

        var lastSieving = run.Statuses.Last(s => s.Phase == "sieving");
        Assert.Equal(new JobProgress("sieving", 10, 10, 2, Enumerable.Range(2, 8).Sum(i => 100 + i)), lastSieving);
    }

    [Fact]
    public async Task The_phase_goes_from_sieving_to_merging_to_completed_and_never_back()
    {
        var run = await RunToEndAsync(Script());

        string[] order = ["sieving", "merging", "completed"];
        var steps = run.Statuses.Select(s => Array.IndexOf(order, s.Phase)).ToList();
        Assert.Equal(steps.Order(), steps);
        Assert.Equal([0, 1, 2], steps.Distinct());
    }

    [Fact]
    public async Task Segments_done_never_go_down_across_the_waves()
    {
        var run = await RunToEndAsync(Script());

        var done = run.Statuses.Select(s => s.SegmentsDone).ToList();
        Assert.Equal(done.Order(), done);
        Assert.Equal(10, done[^1]);
    }

    [Fact]
    public async Task A_completed_job_shows_its_count_as_the_primes_so_far()
    {
        var run = await RunToEndAsync(Script());

        Assert.Equal(new JobProgress("completed", 10, 10, 2, Summary.Count), run.Statuses[^1]);
    }

    [Fact]
    public async Task The_merge_runs_once_after_the_last_segment_is_done()
    {
        var run = await RunToEndAsync(Script());

        Assert.Equal([0, 0, 0, 1], run.Executions.Select(e => e.InputsOf<MergeRequest>(Merge).Count()));
        Assert.Equal(Merge, run.Executions[^1].Calls[^1].Name);
    }

    [Fact]
    public async Task The_merge_is_given_the_job_without_its_progress_and_how_many_segments_were_reused()
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
    public async Task A_long_merge_shows_how_far_it_has_come_after_each_tick()
    {
        var run = await RunToEndAsync(SlowMergeScript(reads: [4, 7, 10]));

        Assert.Equal([0, 4, 7, 10], run.Statuses.Where(s => s.Phase == "merging").Select(s => s.SegmentsMerged));
    }

    [Fact]
    public async Task A_long_merge_is_read_every_MergeProgressSeconds()
    {
        var run = await RunToEndAsync(SlowMergeScript(reads: [4, 7, 10]));

        var timers = run.Executions[^1].Timers;
        Assert.Equal(ScriptedOrchestrationContext.Start.AddSeconds(5), timers[0]);
        Assert.All(timers.Zip(timers.Skip(1)), pair => Assert.Equal(TimeSpan.FromSeconds(5), pair.Second - pair.First));
        Assert.Equal([Id, Id, Id], run.Executions[^1].InputsOf<string>(MergeProgress));
    }

    [Fact]
    public async Task A_job_deleted_before_its_merge_wrote_the_summary_ends_with_no_output_and_says_deleted()
    {
        var run = await RunToEndAsync(Script(merged: null));

        Assert.Null(run.Output);
        Assert.Equal(new JobProgress("deleted", 10, 10, 2, 0), run.Statuses[^1]);
    }

    private static ActivityScript Script(JobSummary? merged) =>
        new ActivityScript()
            .On<SegmentTask, SegmentResult>(Sieve, Sieved)
            .On<MergeRequest, JobSummary?>(Merge, _ => merged);

    private static ActivityScript Script() => Script(Summary);

    /// <summary>A merge still running at each of the progress reads, which answer <paramref name="reads"/> in turn; it ends at the last.</summary>
    private static ActivityScript SlowMergeScript(long[] reads)
    {
        var merge = new TaskCompletionSource<JobSummary?>();
        var read = 0;
        return new ActivityScript()
            .On<SegmentTask, SegmentResult>(Sieve, Sieved)
            .On<MergeRequest, JobSummary?>(Merge, _ => merge.Task)
            .On<string, long>(MergeProgress, _ =>
            {
                if (read == reads.Length - 1)
                {
                    merge.SetResult(Summary);
                }

                return reads[read++];
            });
    }

    /// <summary>Runs the job's executions one after another, each on the input the one before continued as new with.</summary>
    private static async Task<JobRun> RunToEndAsync(ActivityScript script, RangeJob? job = null)
    {
        var executions = new List<ScriptedOrchestrationContext>();
        var input = job ?? Job;
        while (true)
        {
            var context = new ScriptedOrchestrationContext(Id, script);
            executions.Add(context);
            var output = await new PrimeRangeOrchestrator().RunAsync(context, input);
            if (context.ContinuedAsNewWith<RangeJob>() is not { } next)
            {
                return new JobRun(executions, output);
            }

            input = next;
        }
    }

    private sealed record JobRun(List<ScriptedOrchestrationContext> Executions, JobSummary? Output)
    {
        public List<JobProgress> Statuses => Executions.SelectMany(e => e.StatusesAs<JobProgress>()).ToList();
    }
}
