using Microsoft.DurableTask;

namespace PrimeFunctions.Orchestration;

/// <summary>
/// A range job: sieve every grid segment the range touches (or find it already catalogued), then merge the
/// segments into the job's manifest and summary. Segments go out in waves of at most
/// <see cref="RangeJob.MaxTasksPerOrchestration"/> activities, and each wave after the first is a fresh execution
/// (continue-as-new) carrying the progress so far: history — replayed on every step — never grows past one
/// wave, however wide the range, and the task queues never hold more than one wave of a job.
/// </summary>
public sealed class PrimeRangeOrchestrator : TaskOrchestrator<RangeJob, JobSummary?>
{
    // Storage calls can fail transiently, and a host can die under a task; a segment or a merge is worth a few
    // more tries (1, 2, 4, 8 s apart) before the job fails.
    private static readonly TaskOptions Retried = TaskOptions.FromRetryPolicy(
        new RetryPolicy(5, TimeSpan.FromSeconds(1), backoffCoefficient: 2, maxRetryInterval: TimeSpan.FromSeconds(10)));

    public override async Task<JobSummary?> RunAsync(TaskOrchestrationContext context, RangeJob job)
    {
        var progress = job.Progress ?? new JobProgress("sieving", 0, job.SegmentCount, 0, 0, StartedAt: context.CurrentUtcDateTime);
        context.SetCustomStatus(progress);

        var first = job.FirstSegment + progress.SegmentsDone;
        var last = Math.Min(job.LastSegment, first + job.MaxTasksPerOrchestration - 1);
        var wave = new List<Task<SegmentResult>>();
        for (var index = first; index <= last; index++)
        {
            wave.Add(context.CallActivityAsync<SegmentResult>(nameof(SieveSegmentActivity), new SegmentTask(job.SegmentWidth, index, context.InstanceId, job.CreatedAt), Retried));
        }

        while (wave.Count > 0)
        {
            var finished = await Task.WhenAny(wave);
            wave.Remove(finished);
            var segment = await finished;
            progress = progress.Add(segment, job.Covers(segment.Index));
            context.SetCustomStatus(progress);
        }

        if (last < job.LastSegment)
        {
            context.ContinueAsNew(job with { Progress = progress });
            return null;
        }

        progress = progress with { Phase = "merging", SievedAt = context.CurrentUtcDateTime };
        context.SetCustomStatus(progress);
        var merge = context.CallActivityAsync<JobSummary?>(
            nameof(MergeJobActivity), new MergeRequest(context.InstanceId, job with { Progress = null }, progress.SegmentsReused), Retried);

        // A merge of a wide range reads for minutes; every few seconds its progress is read back into the status.
        while (true)
        {
            using var stopTimer = new CancellationTokenSource();
            var tick = context.CreateTimer(context.CurrentUtcDateTime.AddSeconds(job.MergeProgressSeconds), stopTimer.Token);
            if (await Task.WhenAny(merge, tick) == merge)
            {
                stopTimer.Cancel();
                break;
            }

            progress = progress with { SegmentsMerged = await context.CallActivityAsync<long>(nameof(MergeProgressActivity), context.InstanceId) };
            context.SetCustomStatus(progress);
        }

        var summary = await merge;
        context.SetCustomStatus(progress with
        {
            Phase = summary is null ? "deleted" : "completed", PrimesSoFar = summary?.Count ?? 0, MergedAt = context.CurrentUtcDateTime,
        });
        return summary;
    }
}
