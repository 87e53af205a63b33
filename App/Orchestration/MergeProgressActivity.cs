using Microsoft.DurableTask;
using PrimeFunctions.Storage;

namespace PrimeFunctions.Orchestration;

/// <summary>How many segments a job's running merge has read: the merge records it, the orchestrator shows it.</summary>
public sealed class MergeProgressActivity(JobManifestStore manifests) : TaskActivity<string, long>
{
    public override Task<long> RunAsync(TaskActivityContext context, string jobId) => manifests.ReadMergedAsync(jobId);
}
