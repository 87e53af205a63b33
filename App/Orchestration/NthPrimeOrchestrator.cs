using System.Globalization;
using Microsoft.DurableTask;

namespace PrimeFunctions.Orchestration;

/// <summary>An n-th prime job: the estimate R⁻¹(n), π there (<see cref="PiComputation"/>, fanned out), then a short sieve.</summary>
public sealed class NthPrimeOrchestrator : TaskOrchestrator<NthPrimeJob, NthPrimeResult>
{
    public override async Task<NthPrimeResult> RunAsync(TaskOrchestrationContext context, NthPrimeJob job)
    {
        var n = job.N.ToString(CultureInfo.InvariantCulture);
        context.SetCustomStatus(new CountProgress("estimating", 0, 0));
        var estimate = ulong.Parse(
            await context.CallActivityAsync<string>(nameof(NthPrimeEstimateActivity), n, PiComputation.Retried), CultureInfo.InvariantCulture);
        var (done, total) = (0, 0); // the intervals of the count; none when π(estimate) was kept from an earlier job
        var pi = await PiComputation.ComputeAsync(context, estimate, job.Intervals, (finished, of) =>
        {
            (done, total) = (finished, of);
            context.SetCustomStatus(new CountProgress("counting", done, total));
        });
        context.SetCustomStatus(new CountProgress("sieving", done, total));
        var prime = await context.CallActivityAsync<string>(
            nameof(NthPrimeSieveActivity), new NthPrimeSieveTask(job.N, estimate, pi.Pi), PiComputation.Retried);
        context.SetCustomStatus(new CountProgress("completed", done, total));
        return new NthPrimeResult(n, prime, estimate.ToString(CultureInfo.InvariantCulture), pi.Pi.ToString(CultureInfo.InvariantCulture));
    }
}
