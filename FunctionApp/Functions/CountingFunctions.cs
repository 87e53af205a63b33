using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using PrimeFunctions.Engine.Counting;
using PrimeFunctions.Orchestration;
using PrimeFunctions.Storage;

namespace PrimeFunctions.Functions;

/// <summary>Orchestrator and activity triggers of count and n-th prime jobs: each runs the class of the same name from <c>Orchestration/</c>.</summary>
public sealed class CountingFunctions(FindPiActivity findPi, StorePiActivity storePi, SieveCountActivity sieveCount)
{
    [Function(nameof(CountOrchestrator))]
    public static Task<CountResult> Count([OrchestrationTrigger] TaskOrchestrationContext context, CountJob job) =>
        new CountOrchestrator().RunAsync(context, job);

    [Function(nameof(NthPrimeOrchestrator))]
    public static Task<NthPrimeResult> NthPrime([OrchestrationTrigger] TaskOrchestrationContext context, NthPrimeJob job) =>
        new NthPrimeOrchestrator().RunAsync(context, job);

    [Function(nameof(FindPiActivity))]
    public Task<PiValue?> FindPi([ActivityTrigger] string x) => findPi.RunAsync(x);

    [Function(nameof(StorePiActivity))]
    public Task StorePi([ActivityTrigger] PiValue value) => storePi.RunAsync(value);

    [Function(nameof(SieveCountActivity))]
    public Task<SieveCount> SieveCount([ActivityTrigger] SieveCountTask task) => sieveCount.RunAsync(task);

    [Function(nameof(PlanPiActivity))]
    public static Task<CountPlan> PlanPi([ActivityTrigger] PlanPiTask task) => new PlanPiActivity().RunAsync(task);

    [Function(nameof(PiBaseTermsActivity))]
    public static Task<BaseTerms> PiBaseTerms([ActivityTrigger] CountParameters parameters) => new PiBaseTermsActivity().RunAsync(parameters);

    [Function(nameof(PiIntervalActivity))]
    public static Task<S2Partial> PiInterval([ActivityTrigger] PiIntervalTask task) => new PiIntervalActivity().RunAsync(task);

    [Function(nameof(NthPrimeEstimateActivity))]
    public static Task<string> NthPrimeEstimate([ActivityTrigger] string n) => new NthPrimeEstimateActivity().RunAsync(n);

    [Function(nameof(NthPrimeSieveActivity))]
    public static Task<string> NthPrimeSieve([ActivityTrigger] NthPrimeSieveTask task) => new NthPrimeSieveActivity().RunAsync(task);
}
