using Microsoft.Extensions.Logging;
using PrimeFunctions.Storage;

namespace PrimeFunctions.Orchestration;

/// <summary>
/// Settles a task's grid segments for its run, one after another, and hands each off to the merge (the protocol is in
/// <see cref="SegmentHandoff"/>): found stored, or sieved into the shared cache unless the run has been deleted since.
/// Several segments to a task: an activity costs the orchestration a round of messages, history and replay, more than
/// sieving a low segment does.
/// </summary>
public sealed class SieveSegmentActivity(SegmentHandoff handoff, JobManifestStore manifests, FaultInjection faults, ILogger<SieveSegmentActivity> logger)
{
    public async Task<SegmentResult[]> RunAsync(SegmentTask task)
    {
        faults.MaybeFail(nameof(SieveSegmentActivity));
        var results = new List<SegmentResult>();
        foreach (var index in task.Indices)
        {
            results.Add(await SettleAsync(task, index));
        }

        return [.. results];
    }

    private async Task<SegmentResult> SettleAsync(SegmentTask task, long index)
    {
        var settled = await handoff.SettleAsync(task.Run, task.SegmentWidth, index, async () =>
        {
            if (await manifests.IsDeletedAsync(task.Run))
            {
                logger.LogDebug("Job {JobId} was deleted: segment {Index} not sieved for it.", task.Run.JobId, index);
                return false;
            }

            await faults.DelaySegmentAsync();
            return true;
        });
        if (settled is null)
        {
            return new SegmentResult(index, 0, Reused: false);
        }

        logger.LogDebug("Segment {Index} of {JobId}: {Count} primes, {How}.", index, task.Run.JobId, settled.Count, settled.Reused ? "reused" : "sieved");
        return new SegmentResult(index, settled.Count, settled.Reused);
    }
}
