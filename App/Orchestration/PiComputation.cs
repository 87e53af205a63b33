using Microsoft.DurableTask;
using PrimeFunctions.Engine.Counting;
using PrimeFunctions.Storage;

namespace PrimeFunctions.Orchestration;

/// <summary>
/// π(x) as orchestration steps, shared by count and n-th prime jobs: a stored value if there is one, the sieve for
/// small x, otherwise the combinatorial method with its special leaves fanned out as one activity per interval
/// (with the base terms beside them), combined here — pure integer arithmetic, so replay gives the same sum — and
/// stored for later jobs. The plan comes from an activity: it rounds floating-point logarithms, which two
/// machines replaying the orchestration need not round alike.
/// </summary>
public static class PiComputation
{
    public const string CombinatorialMethod = "lmo";
    public const string SieveMethod = "sieve";

    /// <summary>A sieved count that took some whole grid segments' counts from the segments earlier range jobs stored.</summary>
    public const string CachedSieveMethod = "sieve+cache";

    internal static readonly TaskOptions Retried = TaskOptions.FromRetryPolicy(
        new RetryPolicy(5, TimeSpan.FromSeconds(1), backoffCoefficient: 2, maxRetryInterval: TimeSpan.FromSeconds(10)));

    /// <summary>π(x); <paramref name="progress"/> hears of each interval finished (done, total).</summary>
    public static async Task<PiValue> ComputeAsync(TaskOrchestrationContext context, ulong x, int intervals, Action<int, int> progress)
    {
        if (x < 2)
        {
            return new PiValue(x, 0, SieveMethod);
        }

        if (await context.CallActivityAsync<PiValue?>(nameof(FindPiActivity), x.ToString(System.Globalization.CultureInfo.InvariantCulture), Retried) is { } stored)
        {
            return stored;
        }

        PiValue value;
        if (x < PrimeCount.SieveThreshold)
        {
            var sieved = await context.CallActivityAsync<SieveCount>(nameof(SieveCountActivity), new SieveCountTask(0, x, context.InstanceId), Retried);
            value = new PiValue(x, ulong.Parse(sieved.Count, System.Globalization.CultureInfo.InvariantCulture), SieveMethod);
        }
        else
        {
            var plan = await context.CallActivityAsync<CountPlan>(nameof(PlanPiActivity), new PlanPiTask(x, intervals), Retried);
            var baseTerms = context.CallActivityAsync<BaseTerms>(nameof(PiBaseTermsActivity), plan.Parameters, Retried);
            var pending = plan.Intervals
                .Select(interval => context.CallActivityAsync<S2Partial>(nameof(PiIntervalActivity), new PiIntervalTask(plan.Parameters, interval), Retried))
                .ToList();
            var parts = new List<S2Partial>(pending.Count);
            progress(0, pending.Count);
            while (pending.Count > 0)
            {
                var finished = await Task.WhenAny(pending);
                pending.Remove(finished);
                parts.Add(await finished);
                progress(parts.Count, plan.Intervals.Count);
            }

            value = new PiValue(x, PrimeCount.Combine(plan.Parameters, await baseTerms, parts), CombinatorialMethod);
        }

        await context.CallActivityAsync(nameof(StorePiActivity), value, Retried);
        return value;
    }
}
