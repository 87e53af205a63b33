using Azure.Data.Tables;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using PrimeFunctions.LocalHost;
using PrimeFunctions.Storage;

namespace PrimeFunctions.Tests.Fixtures;

/// <summary>
/// A stopped local host gives up its durable partitions in the background, through storage: the Azure Storage
/// provider's partition manager releases each lease in its <c>{hub}Partitions</c> table, and if storage goes away
/// first it retries until, ten minutes on, it throws where nothing catches it and the test process dies. So before an
/// Azurite under a stopped in-process host is stopped, wait for every lease to be let go.
/// </summary>
internal static class DurableLeases
{
    /// <summary>
    /// How long a stopped host may take to let its leases go: a partition is released once the work items it holds
    /// finish, and a terminated job's sieve activities near 10^18 run on; 60 s was once too short on two loaded cores.
    /// </summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(180);

    public static async Task WaitUntilReleasedAsync(StorageAccount storage)
    {
        var hub = HostJson.Read(RepositoryLayout.HostJson, new ConfigurationBuilder().Build()).HubName;
        var partitions = storage.Tables.GetTableClient($"{hub}Partitions");
        for (var deadline = DateTime.UtcNow + Patience; ; await Task.Delay(200))
        {
            var owners = new List<string>();
            await foreach (var lease in partitions.QueryAsync<TableEntity>(select: ["CurrentOwner"]))
            {
                if (lease.GetString("CurrentOwner") is { Length: > 0 } owner)
                {
                    owners.Add($"{lease.RowKey} by {owner}");
                }
            }

            if (owners.Count == 0)
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Durable partitions still held {Patience} after the host stopped: {string.Join(", ", owners)}.");
        }
    }

    /// <summary>
    /// Terminates every instance still pending, running or suspended, and waits (up to 30 s) until none is: a host
    /// stopped with work in flight abandons it and may keep its partitions leased.
    /// </summary>
    public static async Task StopUnfinishedAsync(DurableTaskClient client)
    {
        var unfinished = new OrchestrationQuery(Statuses: [OrchestrationRuntimeStatus.Pending, OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Suspended]);
        await foreach (var instance in client.GetAllInstancesAsync(unfinished))
        {
            await client.TerminateInstanceAsync(instance.InstanceId, "test done");
        }

        for (var deadline = DateTime.UtcNow.AddSeconds(30); DateTime.UtcNow < deadline; await Task.Delay(500))
        {
            var left = false;
            await foreach (var _ in client.GetAllInstancesAsync(unfinished))
            {
                left = true;
                break;
            }

            if (!left)
            {
                return;
            }
        }
    }
}
