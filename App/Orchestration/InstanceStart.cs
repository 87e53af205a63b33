using DurableTask.Core.Exceptions;
using Grpc.Core;
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

    /// <summary>
    /// The instance once it has finished, or null when it has not within <paramref name="wait"/>. A wait that runs out
    /// is not a failure, however the client reports it: the gRPC client throws <see cref="OperationCanceledException"/>,
    /// or an <see cref="RpcException"/> (DeadlineExceeded, Cancelled) when the server's answer to the cancelled call
    /// arrives first, as it did on a host whose cores were all sieving.
    /// </summary>
    public static async Task<OrchestrationMetadata?> WaitForCompletionWithinAsync(
        this DurableTaskClient client, string instanceId, TimeSpan wait, bool getInputsAndOutputs, CancellationToken cancellationToken)
    {
        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        waiting.CancelAfter(wait);
        try
        {
            return await client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs, waiting.Token);
        }
        catch (Exception e) when (waiting.IsCancellationRequested && !cancellationToken.IsCancellationRequested
            && e is OperationCanceledException or RpcException { StatusCode: StatusCode.DeadlineExceeded or StatusCode.Cancelled })
        {
            return null;
        }
    }
}
