using System.Diagnostics;
using Microsoft.Extensions.Logging;
using PrimeFunctions.Storage;

namespace PrimeFunctions.Orchestration;

/// <summary>
/// Sieves one grid segment into the shared cache, unless the catalog already holds it (with its blob in place) or
/// the job that asked for it has been deleted since.
/// </summary>
public sealed class SieveSegmentActivity(SegmentStore segments, JobManifestStore manifests, FaultInjection faults, ILogger<SieveSegmentActivity> logger)
{
    public async Task<SegmentResult> RunAsync(SegmentTask task)
    {
        faults.MaybeFail(nameof(SieveSegmentActivity));
        if (await segments.FindAsync(task.SegmentWidth, task.Index) is { } known && await segments.TouchAsync(known))
        {
            return new SegmentResult(task.Index, known.Count, Reused: true);
        }

        if (await manifests.IsDeletedAsync(task.JobId, task.JobCreatedAt))
        {
            logger.LogDebug("Job {JobId} was deleted: segment {Index} not sieved for it.", task.JobId, task.Index);
            return new SegmentResult(task.Index, 0, Reused: false);
        }

        var clock = Stopwatch.StartNew();
        var sieved = await segments.SieveAsync(task.SegmentWidth, task.Index, task.JobId);
        logger.LogDebug(
            "Segment {Index} [{Low}, {High}]: {Count} primes, sieved and stored in {Ms:F0} ms",
            task.Index, sieved.Bitmap.Low, sieved.Bitmap.High, sieved.Bitmap.Count, clock.Elapsed.TotalMilliseconds);
        return new SegmentResult(task.Index, sieved.Bitmap.Count, Reused: false);
    }
}
