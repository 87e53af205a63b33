using Microsoft.DurableTask.Client;

namespace PrimeFunctions.Orchestration;

/// <summary>The two groups every part of the service sorts a durable instance into: still running, or finished.</summary>
public static class RuntimeStatuses
{
    /// <summary>Not finished yet: a start with the same id joins it instead of replacing it.</summary>
    public static readonly OrchestrationRuntimeStatus[] Running =
    [
        OrchestrationRuntimeStatus.Pending, OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Suspended,
    ];

    /// <summary>Finished, for better or worse: its status is final and its history may be purged.</summary>
    public static readonly OrchestrationRuntimeStatus[] Finished =
    [
        OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated,
    ];

    public static readonly OrchestrationRuntimeStatus[] All = [.. Running, .. Finished];

    public static bool IsRunning(this OrchestrationRuntimeStatus status) => Running.Contains(status);
}
