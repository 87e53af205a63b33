using PrimeFunctions.Storage;

namespace PrimeFunctions.Orchestration;

/// <summary>How many segments a job's running merge has read: the merge records it, the orchestrator shows it.</summary>
public sealed class MergeProgressActivity(JobManifestStore manifests)
{
    public Task<long> RunAsync(string jobId) => manifests.ReadMergedAsync(jobId);
}
