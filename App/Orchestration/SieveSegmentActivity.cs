using System.Diagnostics;
using Microsoft.Extensions.Logging;
using PrimeFunctions.Storage;

namespace PrimeFunctions.Orchestration;

/// <summary>
/// Sieves a task's grid segments into the shared cache, one after another, each unless the catalog already holds it
/// (with its blob in place) or the job that asked for it has been deleted since. Several segments to a task: an
/// activity costs the orchestration a round of messages, history and replay, more than sieving a low segment does.
/// </summary>
public sealed class SieveSegmentActivity(SegmentStore segments, JobManifestStore manifests, FaultInjection faults, ILogger<SieveSegmentActivity> logger)
{
    public async Task<SegmentResult[]> RunAsync(SegmentTask task)
    {
        faults.MaybeFail(nameof(SieveSegmentActivity));
        var results = new List<SegmentResult>();
        foreach (var index in task.Indices)
        {
            results.Add(await SieveAsync(task, index));
        }

        return [.. results];
    }

    private async Task<SegmentResult> SieveAsync(SegmentTask task, long index)
    {
        if (await segments.FindAsync(task.SegmentWidth, index) is { } known && await segments.TouchAsync(known))
        {
            return new SegmentResult(index, known.Count, Reused: true);
        }

        if (await manifests.IsDeletedAsync(task.JobId, task.JobCreatedAt))
        {
            logger.LogDebug("Job {JobId} was deleted: segment {Index} not sieved for it.", task.JobId, index);
            return new SegmentResult(index, 0, Reused: false);
        }

        await faults.DelaySegmentAsync();
        var clock = Stopwatch.StartNew();
        var sieved = await segments.SieveAsync(task.SegmentWidth, index, task.JobId);
        logger.LogDebug(
            "Segment {Index} [{Low}, {High}]: {Count} primes, sieved and stored in {Ms:F0} ms",
            index, sieved.Bitmap.Low, sieved.Bitmap.High, sieved.Bitmap.Count, clock.Elapsed.TotalMilliseconds);
        return new SegmentResult(index, sieved.Bitmap.Count, Reused: false);
    }
}
