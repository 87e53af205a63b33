using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using PrimeFunctions.Orchestration;

namespace PrimeFunctions.Functions;

/// <summary>Orchestrator and activity triggers: each runs the class of the same name from <c>Orchestration/</c>.</summary>
public sealed class OrchestrationFunctions(SieveSegmentActivity sieve, MergeJobActivity merge, MergeProgressActivity mergeProgress)
{
    [Function(nameof(PrimeRangeOrchestrator))]
    public static Task<JobSummary?> PrimeRange([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new PrimeRangeOrchestrator().RunAsync(context, context.GetInput<RangeJob>()!);

    [Function(nameof(SieveSegmentActivity))]
    public Task<SegmentResult[]> SieveSegment([ActivityTrigger] SegmentTask task) => sieve.RunAsync(null!, task);

    [Function(nameof(MergeJobActivity))]
    public Task<JobSummary?> MergeJob([ActivityTrigger] MergeRequest request) => merge.RunAsync(null!, request);

    [Function(nameof(MergeProgressActivity))]
    public Task<long> MergeProgress([ActivityTrigger] string jobId) => mergeProgress.RunAsync(null!, jobId);

    [Function(nameof(IsPrimeOrchestrator))]
    public static Task<IsPrimeVerdict> IsPrime([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new IsPrimeOrchestrator().RunAsync(context, context.GetInput<string>()!);

    [Function(nameof(IsPrimeActivity))]
    public static Task<IsPrimeVerdict> TestPrimality([ActivityTrigger] string number) => new IsPrimeActivity().RunAsync(null!, number);
}
