using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Caching.Memory;

namespace PrimeFunctions.Api;

/// <summary>
/// The status of a completed instance for one second after it was read: clients poll a job's status URL far more
/// often than it changes, and each read is a storage query, which under load is what the status route (LocalHost's)
/// and a start of a completed range wait on.
/// Nothing else is cached: a running instance changes, and a failed or terminated one is started afresh by the
/// next start of its range. A purge through the built-in routes, deleting a job and starting its range afresh
/// evict at once (<see cref="InstanceChanges"/>); retention's purge shows within the second.
/// </summary>
public sealed class CompletedStatusCache
{
    public CompletedStatusCache(InstanceChanges changes) => changes.Changed += Evict;

    private const int MaxInstances = 10_000;
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(1);

    private readonly MemoryCache statuses = new(new MemoryCacheOptions { SizeLimit = MaxInstances });

    public async Task<OrchestrationMetadata?> GetAsync(DurableTaskClient client, string id, CancellationToken cancellationToken)
    {
        if (statuses.TryGetValue(id, out OrchestrationMetadata? cached))
        {
            return cached;
        }

        var instance = await client.GetInstanceAsync(id, getInputsAndOutputs: true, cancellationToken);
        if (instance is { RuntimeStatus: OrchestrationRuntimeStatus.Completed })
        {
            statuses.Set(id, instance, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = Lifetime });
        }

        return instance;
    }

    public void Evict(string id) => statuses.Remove(id);

    public void EvictAll() => statuses.Clear();
}
