using Microsoft.DurableTask.Client;
using PrimeFunctions.Orchestration;

namespace PrimeFunctions.Api;

/// <summary>The one reader of a range job's input, as the durable client returns it (fetched with its inputs).</summary>
public static class JobInput
{
    /// <summary>The job's <see cref="RangeJob"/>, or null when the instance was read without its input.</summary>
    public static RangeJob? Read(OrchestrationMetadata instance) =>
        string.IsNullOrEmpty(instance.SerializedInput) ? null : instance.ReadInputAs<RangeJob>();
}
