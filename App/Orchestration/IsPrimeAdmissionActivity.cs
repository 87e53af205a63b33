using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using PrimeFunctions.Api;

namespace PrimeFunctions.Orchestration;

/// <summary>
/// Whether an is-prime job may start its test: the running is-prime jobs, in the order they were created (ties by
/// id), take turns, and the first <see cref="PrimesOptions.MaxConcurrentIsPrimeJobs"/> of them test. Returns how
/// many jobs stand between this one and a free turn — 0 when it may start. A finished job leaves the line, so its
/// place passes on. The order uses the creation times stored with the instances, read alike by every worker.
/// </summary>
public sealed class IsPrimeAdmissionActivity(IOptions<PrimesOptions> options)
{
    public async Task<int> RunAsync(string instanceId, DurableTaskClient client, CancellationToken cancellationToken)
    {
        var query = new OrchestrationQuery { InstanceIdPrefix = IsPrimeHandler.JobPrefix, Statuses = RuntimeStatuses.Running, PageSize = 1000 };
        var line = new List<OrchestrationMetadata>();
        await foreach (var instance in client.GetAllInstancesAsync(query).WithCancellation(cancellationToken))
        {
            if (instance.InstanceId.StartsWith(IsPrimeHandler.JobPrefix, StringComparison.Ordinal))
            {
                line.Add(instance);
            }
        }

        var self = line.Find(instance => instance.InstanceId == instanceId);
        var before = self is null ? line.Count : line.Count(other => Precedes(other, self));
        return Math.Max(0, before - options.Value.MaxConcurrentIsPrimeJobs + 1);
    }

    private static bool Precedes(OrchestrationMetadata other, OrchestrationMetadata self) =>
        other.CreatedAt < self.CreatedAt || (other.CreatedAt == self.CreatedAt && string.CompareOrdinal(other.InstanceId, self.InstanceId) < 0);
}
