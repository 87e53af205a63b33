using System.Collections.Concurrent;
using DurableTask.Core;
using DurableTask.Core.History;
using Microsoft.Extensions.Logging;

namespace PrimeFunctions.LocalHost;

/// <summary>
/// The Azure Storage orchestration service as the gRPC sidecar needs to see it; five gaps of the sidecar and its provider are
/// closed here, everything else passes straight through.
/// <list type="bullet">
/// <item>Its activity dispatcher never renews a work item's lock, so with the short visibility timeout LocalHost
/// needs for quick recovery, an activity longer than that timeout (a large merge, a long is-prime test) would
/// be handed out again mid-run and its completion would then fail. The Functions host renews these locks;
/// so does this — up to <see cref="MaxActivityRun"/>, the function timeout, so that a run whose answer was lost
/// cannot hold its message forever.</item>
/// <item>It waits for an activity's answer under the key (instance, task id). After a crash the same task can be
/// queued twice — the message the dead host took, and the one the replayed orchestration sent again — and a
/// second run under a key already waiting never gets its answer: it would hang, holding a slot. A duplicate of a
/// task already running is handed back to the queue instead, to be run (and found done) once the first ends.</item>
/// <item>A work item whose completion and abandonment both failed (storage unreachable) stays marked as in
/// progress inside the Azure Storage provider, which then refuses its message forever; see <see cref="Forget"/>.</item>
/// <item>It stops the service when the host stops, even if the service never started (the host stopped within
/// moments of starting); the Azure Storage service then throws on a thread-pool thread and takes the whole
/// process down. Stopping a service that never started does nothing here.</item>
/// <item>Its table partition manager waits for work in flight before it hands its partitions back, up to ten
/// minutes, and when storage stops answering (an outage, a storage account torn down first) it then throws on a
/// thread-pool thread, again taking the process down. Here that failure is caught and logged: partitions it could not
/// release expire by themselves and another worker takes them, as after a crash.</item>
/// <item>Its fetch loop ends only when a fetch throws a cancellation, while the provider answers a cancelled fetch with
/// nothing: from the moment the host stopped until its worker disconnected, each stopped dispatcher asked again
/// without pause, a core each, for as long as the host took to finish (seconds to minutes). A cancelled fetch throws
/// here; see <see cref="NothingAsync"/>.</item>
/// </list>
/// </summary>
/// <param name="stopWait">How long a stop waits before leaving the partitions to expire; by default as long as the provider itself waits.</param>
internal sealed class SidecarOrchestrationService(IOrchestrationService inner, TimeSpan renewEvery, ILogger logger, TimeSpan? stopWait = null) : IOrchestrationService
{
    /// <summary>The longest an activity run keeps its message: the Functions host's timeout (host.json, 10 minutes).</summary>
    public static readonly TimeSpan MaxActivityRun = TimeSpan.FromMinutes(10);

    /// <summary>How long a fetch the provider answered with nothing waits before it answers (see <see cref="NothingAsync"/>).</summary>
    internal static readonly TimeSpan EmptyFetchPause = TimeSpan.FromMilliseconds(100);

    private Task? started;
    private readonly TaskCompletionSource stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private readonly ConcurrentDictionary<TaskActivityWorkItem, (CancellationTokenSource Stop, Task Loop)> renewing = new();
    private readonly ConcurrentDictionary<string, TaskActivityWorkItem> running = new(StringComparer.Ordinal);

    public async Task<TaskActivityWorkItem> LockNextTaskActivityWorkItem(TimeSpan receiveTimeout, CancellationToken cancellationToken)
    {
        while (true)
        {
            var workItem = await inner.LockNextTaskActivityWorkItem(receiveTimeout, cancellationToken);
            if (workItem is null)
            {
                return await NothingAsync<TaskActivityWorkItem>(cancellationToken);
            }

            if (!running.TryAdd(TaskKey(workItem), workItem))
            {
                await inner.AbandonTaskActivityWorkItemAsync(workItem);
                continue;
            }

            var stop = new CancellationTokenSource();
            renewing[workItem] = (stop, RenewUntilStoppedAsync(workItem, stop.Token));
            return workItem;
        }
    }

    /// <summary>
    /// What a fetch answers when the provider hands out nothing — which it does, at once, when it or the dispatcher is
    /// stopping. The sidecar's fetch loop ends only on a cancellation exception, so a stopped dispatcher that kept being
    /// answered "nothing" would ask again in a tight loop, on every core, until the worker disconnected. A cancelled
    /// fetch therefore throws, and any other empty answer comes after a pause.
    /// </summary>
    private static async Task<T> NothingAsync<T>(CancellationToken cancellationToken)
        where T : class
    {
        cancellationToken.ThrowIfCancellationRequested();
        await Task.Delay(EmptyFetchPause, cancellationToken);
        return null!;
    }

    private static string TaskKey(TaskActivityWorkItem workItem) =>
        $"{workItem.TaskMessage.OrchestrationInstance.InstanceId}_{((TaskScheduledEvent)workItem.TaskMessage.Event).EventId}";

    public async Task CompleteTaskActivityWorkItemAsync(TaskActivityWorkItem workItem, TaskMessage responseMessage)
    {
        await StopRenewingAsync(workItem);
        try
        {
            await inner.CompleteTaskActivityWorkItemAsync(workItem, responseMessage);
        }
        catch
        {
            Forget(workItem);
            throw;
        }
    }

    public async Task AbandonTaskActivityWorkItemAsync(TaskActivityWorkItem workItem)
    {
        await StopRenewingAsync(workItem);
        try
        {
            await inner.AbandonTaskActivityWorkItemAsync(workItem);
        }
        catch
        {
            Forget(workItem);
            throw;
        }
    }

    // The Azure Storage provider marks a work item's message as in progress until it is completed or abandoned. If
    // both fail — storage was unreachable — the mark stays, and when the message becomes visible again the provider
    // refuses it ("processed multiple times concurrently") for the life of the process: the activity never runs
    // again and its job waits forever. Its bookkeeping is private, so the mark is removed here; the message then
    // runs again once visible, and a duplicate answer is one the provider already discards. The provider offers no
    // public way to drop the mark (abandoning needs the storage that just failed), so this reaches its private field;
    // SidecarOrchestrationServiceTests fails the day an upgrade renames or retypes it.
    internal static readonly System.Reflection.FieldInfo? ActiveActivitySessions =
        typeof(DurableTask.AzureStorage.AzureStorageOrchestrationService).GetField(
            "activeActivitySessions", System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic);

    private void Forget(TaskActivityWorkItem workItem)
    {
        if (ActiveActivitySessions?.GetValue(inner) is System.Collections.IDictionary sessions)
        {
            sessions.Remove(workItem.Id);
        }
    }

    public Task<TaskActivityWorkItem> RenewTaskActivityWorkItemLockAsync(TaskActivityWorkItem workItem) =>
        inner.RenewTaskActivityWorkItemLockAsync(workItem);

    // A renewal must not overlap completion: both use the message's current pop receipt.
    private async Task StopRenewingAsync(TaskActivityWorkItem workItem)
    {
        running.TryRemove(KeyValuePair.Create(TaskKey(workItem), workItem));
        if (renewing.TryRemove(workItem, out var renewal))
        {
            await renewal.Stop.CancelAsync();
            await renewal.Loop;
            renewal.Stop.Dispose();
        }
    }

    private async Task RenewUntilStoppedAsync(TaskActivityWorkItem workItem, CancellationToken stop)
    {
        try
        {
            for (var until = DateTime.UtcNow + MaxActivityRun; DateTime.UtcNow < until;)
            {
                await Task.Delay(renewEvery, stop);
                await inner.RenewTaskActivityWorkItemLockAsync(workItem);
            }

            // Past the timeout its answer is not coming: let the message be handed out again, and run.
            running.TryRemove(KeyValuePair.Create(TaskKey(workItem), workItem));
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception)
        {
            // The message is no longer ours to renew (it was handed out again, or storage is gone): the run's
            // completion will fail and the task will run again, which is what the queue is for.
        }
    }

    public int TaskOrchestrationDispatcherCount => inner.TaskOrchestrationDispatcherCount;
    public int MaxConcurrentTaskOrchestrationWorkItems => inner.MaxConcurrentTaskOrchestrationWorkItems;
    public BehaviorOnContinueAsNew EventBehaviourForContinueAsNew => inner.EventBehaviourForContinueAsNew;
    public int TaskActivityDispatcherCount => inner.TaskActivityDispatcherCount;
    public int MaxConcurrentTaskActivityWorkItems => inner.MaxConcurrentTaskActivityWorkItems;

    public Task StartAsync() => LazyInitializer.EnsureInitialized(ref started, inner.StartAsync);
    public Task StopAsync() => StopAsync(isForced: false);

    /// <summary>
    /// Completes once a stop has ended, however it ended. The sidecar's dispatchers stop the service themselves, once
    /// every work item they handed out is answered, so this is how their owner knows the partitions are handed back.
    /// </summary>
    public Task Stopped => stopped.Task;

    public async Task StopAsync(bool isForced)
    {
        try
        {
            if (Volatile.Read(ref started) is { } starting)
            {
                await StopStartedAsync(starting, isForced).WaitAsync(stopWait ?? Timeout.InfiniteTimeSpan);
            }
        }
        catch (Exception e)
        {
            // A stop is the last thing this process does with storage; what it could not finish, the leases' expiry does.
            logger.LogWarning(e, "The task hub's partitions were not handed back on stop; they are left to expire.");
        }
        finally
        {
            stopped.TrySetResult();
        }
    }

    private async Task StopStartedAsync(Task starting, bool isForced)
    {
        await starting;
        await inner.StopAsync(isForced);
    }

    public Task CreateAsync() => inner.CreateAsync();
    public Task CreateAsync(bool recreateInstanceStore) => inner.CreateAsync(recreateInstanceStore);
    public Task CreateIfNotExistsAsync() => inner.CreateIfNotExistsAsync();
    public Task DeleteAsync() => inner.DeleteAsync();
    public Task DeleteAsync(bool deleteInstanceStore) => inner.DeleteAsync(deleteInstanceStore);
    public bool IsMaxMessageCountExceeded(int currentMessageCount, OrchestrationRuntimeState runtimeState) =>
        inner.IsMaxMessageCountExceeded(currentMessageCount, runtimeState);
    public int GetDelayInSecondsAfterOnProcessException(Exception exception) => inner.GetDelayInSecondsAfterOnProcessException(exception);
    public int GetDelayInSecondsAfterOnFetchException(Exception exception) => inner.GetDelayInSecondsAfterOnFetchException(exception);

    public async Task<TaskOrchestrationWorkItem> LockNextTaskOrchestrationWorkItemAsync(TimeSpan receiveTimeout, CancellationToken cancellationToken) =>
        await inner.LockNextTaskOrchestrationWorkItemAsync(receiveTimeout, cancellationToken)
        ?? await NothingAsync<TaskOrchestrationWorkItem>(cancellationToken);
    public Task RenewTaskOrchestrationWorkItemLockAsync(TaskOrchestrationWorkItem workItem) => inner.RenewTaskOrchestrationWorkItemLockAsync(workItem);
    public Task CompleteTaskOrchestrationWorkItemAsync(
        TaskOrchestrationWorkItem workItem, OrchestrationRuntimeState newOrchestrationRuntimeState, IList<TaskMessage> outboundMessages,
        IList<TaskMessage> orchestratorMessages, IList<TaskMessage> timerMessages, TaskMessage continuedAsNewMessage, OrchestrationState orchestrationState) =>
        inner.CompleteTaskOrchestrationWorkItemAsync(
            workItem, newOrchestrationRuntimeState, outboundMessages, orchestratorMessages, timerMessages, continuedAsNewMessage, orchestrationState);
    public Task AbandonTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem) => inner.AbandonTaskOrchestrationWorkItemAsync(workItem);
    public Task ReleaseTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem) => inner.ReleaseTaskOrchestrationWorkItemAsync(workItem);
}
