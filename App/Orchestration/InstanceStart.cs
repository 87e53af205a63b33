using DurableTask.Core.Exceptions;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace PrimeFunctions.Orchestration;

/// <summary>
/// Starting a job whose id names its work (a range, a number): a new instance unless one with the id is still
/// running, which the caller then joins. Concurrent identical starts yield exactly one instance.
/// </summary>
public static class InstanceStart
{
    /// <summary>Starts <paramref name="orchestrator"/> as <paramref name="instanceId"/>; false when a running instance was joined instead.</summary>
    public static async Task<bool> StartOrJoinAsync(
        this DurableTaskClient client, string orchestrator, object input, string instanceId, CancellationToken cancellationToken)
    {
        try
        {
            // Dedupe statuses make the backend refuse the id while an instance with it runs; without them a second
            // start would silently replace the running one.
            await client.ScheduleNewOrchestrationInstanceAsync(
                orchestrator, input, new StartOrchestrationOptions(instanceId).WithDedupeStatuses(RuntimeStatuses.Running), cancellationToken);
            return true;
        }
        catch (OrchestrationAlreadyExistsException)
        {
            return false;
        }
    }
}
