using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using PrimeFunctions.Orchestration;
using PrimeFunctions.Storage;

namespace PrimeFunctions.Functions;

/// <summary>
/// Orchestrator and activity triggers: each runs the class of the same name from <c>Orchestration/</c>. An
/// orchestrator's input is its second parameter, which the Durable extension binds and LocalHost's FunctionList passes.
/// </summary>
public sealed class OrchestrationFunctions(SieveSegmentActivity sieve, MergeJobActivity merge, MergeProgressActivity mergeProgress)
{
    [Function(nameof(PrimeRangeOrchestrator))]
    public static Task<JobSummary?> PrimeRange([OrchestrationTrigger] TaskOrchestrationContext context, RangeJob job) =>
        new PrimeRangeOrchestrator().RunAsync(context, job);

    [Function(nameof(SieveSegmentActivity))]
    public Task<SegmentResult[]> SieveSegment([ActivityTrigger] SegmentTask task) => sieve.RunAsync(task);

    [Function(nameof(MergeJobActivity))]
    public Task<JobSummary?> MergeJob([ActivityTrigger] MergeRequest request) => merge.RunAsync(request);

    [Function(nameof(MergeProgressActivity))]
    public Task<long> MergeProgress([ActivityTrigger] string jobId) => mergeProgress.RunAsync(jobId);
}
