using System.Diagnostics;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using PrimeFunctions.Primes;
using PrimeFunctions.Storage;

namespace PrimeFunctions.Orchestration;

/// <summary>Sieves one grid segment into the shared cache, unless the catalog already holds it.</summary>
public sealed class SieveSegmentActivity(SegmentStore segments, ILogger<SieveSegmentActivity> logger) : TaskActivity<SegmentTask, SegmentResult>
{
    public override async Task<SegmentResult> RunAsync(TaskActivityContext context, SegmentTask task)
    {
        if (await segments.FindAsync(task.SegmentWidth, task.Index) is { } known)
        {
            await segments.TouchAsync(known);
            return new SegmentResult(task.Index, known.Count, Reused: true);
        }

        var (low, high) = new SegmentGrid(task.SegmentWidth).Bounds(task.Index);
        var clock = Stopwatch.StartNew();
        var bitmap = SegmentSieve.Sieve(low, high);
        var sieved = clock.Elapsed;
        var saved = await segments.SaveAsync(task.SegmentWidth, task.Index, bitmap, context.InstanceId);
        logger.LogInformation(
            "Segment {Index} [{Low}, {High}]: {Count} primes, sieved in {SieveMs:F0} ms, stored in {StoreMs:F0} ms",
            task.Index, low, high, saved.Count, sieved.TotalMilliseconds, (clock.Elapsed - sieved).TotalMilliseconds);
        return new SegmentResult(task.Index, saved.Count, Reused: false);
    }
}
