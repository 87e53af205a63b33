using Azure.Data.Tables;
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
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

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
}
