using Microsoft.DurableTask;
using PrimeFunctions.Primes;
using PrimeFunctions.Storage;

namespace PrimeFunctions.Orchestration;

/// <summary>Sieves one grid segment into the shared cache, unless the catalog already holds it.</summary>
public sealed class SieveSegmentActivity(SegmentStore segments) : TaskActivity<SegmentTask, SegmentResult>
{
    public override async Task<SegmentResult> RunAsync(TaskActivityContext context, SegmentTask task)
    {
        if (await segments.FindAsync(task.SegmentWidth, task.Index) is { } known)
        {
            await segments.TouchAsync(known);
            return new SegmentResult(task.Index, known.Count, Reused: true);
        }

        var (low, high) = new SegmentGrid(task.SegmentWidth).Bounds(task.Index);
        var saved = await segments.SaveAsync(task.SegmentWidth, task.Index, SegmentSieve.Sieve(low, high));
        return new SegmentResult(task.Index, saved.Count, Reused: false);
    }
}
