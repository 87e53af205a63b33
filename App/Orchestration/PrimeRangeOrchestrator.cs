using Microsoft.DurableTask;
using PrimeFunctions.Storage;

namespace PrimeFunctions.Orchestration;

/// <summary>
/// A range job: sieve every grid segment the range touches (or find it already catalogued), and merge the segments
/// into the job's manifest and summary. Segments go out in waves of at most
/// <see cref="RangeJob.MaxTasksPerOrchestration"/> activities of up to <see cref="RangeJob.SegmentsPerTask"/>
/// segments each, and each wave after the first is a fresh execution (continue-as-new) carrying the progress so far:
/// history — replayed on every step — never grows past one wave, however wide the range, and the task queues never
/// hold more than one wave of a job. The merge starts with the last wave and renders each segment as soon as it is
/// handed off (<see cref="SegmentHandoff"/>), so that little of it is left once sieving ends. The sieves and the merge
/// know their run by the <see cref="RangeJob.RunId"/> the starter gave it; the reuse counts in the status and the
/// summary come from the same hand-off rows.
/// </summary>
public sealed class PrimeRangeOrchestrator : TaskOrchestrator<RangeJob, JobSummary?>
{
    // Storage calls can fail transiently, and a host can die under a task; a segment or a merge is worth a few
    // more tries (1, 2, 4, 8 s apart) before the job fails.
    private static readonly TaskOptions Retried = TaskOptions.FromRetryPolicy(
        new RetryPolicy(5, TimeSpan.FromSeconds(1), backoffCoefficient: 2, maxRetryInterval: TimeSpan.FromSeconds(10)));

    public override async Task<JobSummary?> RunAsync(TaskOrchestrationContext context, RangeJob job)
    {
        var progress = job.Progress ?? new JobProgress(JobPhase.Sieving, 0, job.SegmentCount, 0, 0, StartedAt: context.CurrentUtcDateTime);
        context.SetCustomStatus(progress);

        var first = job.FirstSegment + progress.SegmentsDone;
        var last = Math.Min(job.LastSegment, first + ((long)job.MaxTasksPerOrchestration * job.TaskSegments) - 1);
        var sieving = job.Tasks(first, last, context.InstanceId)
            .Select(task => context.CallActivityAsync<SegmentResult[]>(nameof(SieveSegmentActivity), task, Retried))
            .ToList();
        if (last < job.LastSegment)
        {
            while (sieving.Count > 0)
            {
                progress = Add(progress, job, await Finished(sieving));
                context.SetCustomStatus(progress);
            }

            context.ContinueAsNew(job with { Progress = progress });
            return null;
        }

        var merge = context.CallActivityAsync<JobSummary?>(
            nameof(MergeJobActivity), new MergeRequest(context.InstanceId, job with { Progress = null }), Retried);

        // A merge of a wide range reads for minutes; every few seconds its progress is read back into the status.
        using var stopTimer = new CancellationTokenSource();
        Task? tick = null;
        while (sieving.Count > 0 || !merge.IsCompleted)
        {
            List<Task> pending = [.. sieving];
            if (!merge.IsCompleted)
            {
                tick ??= context.CreateTimer(context.CurrentUtcDateTime.AddSeconds(job.MergeProgressSeconds), stopTimer.Token);
                pending.AddRange([merge, tick]);
            }

            var finished = await Task.WhenAny(pending);
            if (finished == tick)
            {
                tick = null;
                progress = progress with { SegmentsMerged = await ReadMergeProgressAsync(context, progress.SegmentsMerged) };
            }
            else if (finished is Task<SegmentResult[]> segments && sieving.Remove(segments))
            {
                progress = Add(progress, job, await segments);
            }

            if (sieving.Count == 0 && progress.SievedAt is null)
            {
                progress = progress with { Phase = JobPhase.Merging, SievedAt = context.CurrentUtcDateTime };
            }

            context.SetCustomStatus(progress);
        }

        stopTimer.Cancel();
        var summary = await merge;
        context.SetCustomStatus(progress with
        {
            Phase = summary is null ? JobPhase.Deleted : JobPhase.Completed,
            PrimesSoFar = summary?.Count ?? 0,
            SegmentsReused = summary?.SegmentsReused ?? progress.SegmentsReused,
            SegmentsMerged = summary is null ? progress.SegmentsMerged : job.SegmentCount,
            MergedAt = context.CurrentUtcDateTime,
        });
        return summary;
    }

    // The figure only feeds the status: a failed read keeps the last one rather than failing a job whose merge goes on.
    private static async Task<long> ReadMergeProgressAsync(TaskOrchestrationContext context, long lastKnown)
    {
        try
        {
            return await context.CallActivityAsync<long>(nameof(MergeProgressActivity), context.InstanceId);
        }
        catch (TaskFailedException)
        {
            return lastKnown;
        }
    }

    private static async Task<SegmentResult[]> Finished(List<Task<SegmentResult[]>> sieving)
    {
        var finished = await Task.WhenAny(sieving);
        sieving.Remove(finished);
        return await finished;
    }

    private static JobProgress Add(JobProgress progress, RangeJob job, SegmentResult[] segments) =>
        segments.Aggregate(progress, (sum, segment) => sum.Add(segment, job.Covers(segment.Index)));
}
