using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace PrimeFunctions.App.Tests.Api;

/// <summary>A durable client with no store behind it: every call fails at once, and is recorded.</summary>
internal class OfflineDurableClient() : DurableTaskClient("offline")
{
    /// <summary>The name of every method called.</summary>
    public List<string> Calls { get; } = [];

    public override Task<string> ScheduleNewOrchestrationInstanceAsync(
        TaskName orchestratorName, object? input = null, StartOrchestrationOptions? options = null, CancellationToken cancellation = default) =>
        Fail<string>(nameof(ScheduleNewOrchestrationInstanceAsync));

    public override Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellation = default) =>
        Fail<bool>(nameof(RaiseEventAsync));

    public override Task<OrchestrationMetadata> WaitForInstanceStartAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        Fail<OrchestrationMetadata>(nameof(WaitForInstanceStartAsync));

    public override Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        Fail<OrchestrationMetadata>(nameof(WaitForInstanceCompletionAsync));

    public override Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        Fail<bool>(nameof(SuspendInstanceAsync));

    public override Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        Fail<bool>(nameof(ResumeInstanceAsync));

    public override Task<OrchestrationMetadata?> GetInstancesAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        Fail<OrchestrationMetadata?>(nameof(GetInstancesAsync));

    public override AsyncPageable<OrchestrationMetadata> GetAllInstancesAsync(OrchestrationQuery? filter = null)
    {
        Calls.Add(nameof(GetAllInstancesAsync));
        throw new InvalidOperationException("The durable store is offline in this test.");
    }

    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private Task<T> Fail<T>(string method)
    {
        Calls.Add(method);
        return Task.FromException<T>(new InvalidOperationException("The durable store is offline in this test."));
    }
}
