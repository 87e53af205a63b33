using System.Globalization;
using Microsoft.DurableTask;

namespace PrimeFunctions.Orchestration;

/// <summary>
/// A count job: the primes in [From, To]. A narrow range is sieved in one activity; a wide one is π(To) − π(From − 1),
/// both computed at once (<see cref="PiComputation"/>), so one wave carries both sets of special-leaf intervals.
/// </summary>
public sealed class CountOrchestrator : TaskOrchestrator<CountJob, CountResult>
{
    /// <summary>Ranges narrower than this are sieved: about a second of one core, less than a combinatorial π near 2^64.</summary>
    public const ulong SieveWidth = 1_000_000_000;

    public override async Task<CountResult> RunAsync(TaskOrchestrationContext context, CountJob job)
    {
        var from = job.From.ToString(CultureInfo.InvariantCulture);
        var to = job.To.ToString(CultureInfo.InvariantCulture);
        if (job.To - job.From < SieveWidth)
        {
            context.SetCustomStatus(new CountProgress("sieving", 0, 1));
            var sieved = await context.CallActivityAsync<SieveCount>(nameof(SieveCountActivity), new SieveCountTask(job.From, job.To, context.InstanceId), PiComputation.Retried);
            context.SetCustomStatus(new CountProgress("completed", 1, 1));
            var method = sieved.SegmentsCached > 0 ? PiComputation.CachedSieveMethod : PiComputation.SieveMethod;
            return new CountResult(from, to, sieved.Count, method, null, null, sieved.SegmentsCached);
        }

        var done = new int[2];
        var total = new int[2];
        void Progress(int which, int finished, int of)
        {
            done[which] = finished;
            total[which] = of;
            context.SetCustomStatus(new CountProgress("counting", done.Sum(), total.Sum()));
        }

        context.SetCustomStatus(new CountProgress("counting", 0, 0));
        var upper = PiComputation.ComputeAsync(context, job.To, job.Intervals, (d, t) => Progress(0, d, t));
        var lower = PiComputation.ComputeAsync(context, job.From == 0 ? 0 : job.From - 1, job.Intervals, (d, t) => Progress(1, d, t));
        var (piTo, piBefore) = (await upper, await lower);
        context.SetCustomStatus(new CountProgress("completed", done.Sum(), total.Sum()));
        return new CountResult(
            from,
            to,
            (piTo.Pi - piBefore.Pi).ToString(CultureInfo.InvariantCulture),
            PiComputation.CombinatorialMethod,
            piTo.Pi.ToString(CultureInfo.InvariantCulture),
            piBefore.Pi.ToString(CultureInfo.InvariantCulture),
            null);
    }
}
