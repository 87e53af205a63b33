using Azure.Data.Tables;
using Azure.Storage.Queues;
using PrimeFunctions.LocalHost;
using PrimeFunctions.Storage;
using PrimeFunctions.Tests.Fixtures;

namespace PrimeFunctions.Tests.EndToEnd;

/// <summary>
/// Storage stopped and started again on the same data: a job running across the outage completes with the right
/// primes, and Azurite keeps every write it acknowledged before it stopped. Each test on an Azurite of its own.
/// </summary>
[LongRunning(70)]
public sealed class StorageRestartTests
{
    private const ulong Width = 1_000_000;

    [NeedsToolsFact("primesieve", "primecount", "sha256sum")]
    public async Task Storage_gone_for_thirty_seconds_mid_job_then_back_the_job_completes()
    {
        var folder = ScratchFolders.New();
        int blob = FreePorts.Next(), queue = FreePorts.Next(), table = FreePorts.Next();
        const ulong to = 40_000_000 - 1;
        var id = $"primes-0-{to}";
        try
        {
            var azurite = await AzuriteProcess.StartAsync(folder, blob, queue, table);
            using var host = await HostUnderTest.StartAsync(azurite, "ChaosOutage", $"--Primes:SegmentWidth={Width}", "--Primes:MaxTasksPerOrchestration=4");
            await new JobClient(host.Http).StartAsync(0, to);
            await new JobClient(host.Http).WaitForSegmentsAsync(id, 4);
            await azurite.DisposeAsync();
            await Task.Delay(TimeSpan.FromSeconds(30));

            await using var back = await AzuriteProcess.StartAsync(folder, blob, queue, table);
            var (_, status) = await HostUnderTest.FollowWithLogAsync(host.Process, host.Http, id);

            Assert.Equal("Completed", status.GetProperty("runtimeStatus").GetString());
            await JobClient.AssertSummaryOfAsync(status.GetProperty("output"), 0, to);
        }
        finally
        {
            ScratchFolders.TryDelete(folder);
        }
    }

    [Fact]
    public async Task Azurite_stopped_right_after_writes_keeps_every_write_it_acknowledged()
    {
        var folder = ScratchFolders.New();
        int blob = FreePorts.Next(), queue = FreePorts.Next(), table = FreePorts.Next();
        try
        {
            await using (var azurite = await AzuriteProcess.StartAsync(folder, blob, queue, table))
            {
                var storage = StorageAccount.FromConnectionString(azurite.ConnectionString);
                var container = storage.Blobs.GetBlobContainerClient("kept");
                await container.CreateIfNotExistsAsync();
                await container.GetBlobClient("b").UploadAsync(new BinaryData(new byte[3 << 20]));
                var rows = storage.Tables.GetTableClient("kept");
                await rows.CreateIfNotExistsAsync();
                await rows.AddEntityAsync(new TableEntity("p", "r"));
                var messages = new QueueClient(azurite.ConnectionString, "kept");
                await messages.CreateIfNotExistsAsync();
                await messages.SendMessageAsync("m");
            }

            await using var restarted = await AzuriteProcess.StartAsync(folder, blob, queue, table);
            var again = StorageAccount.FromConnectionString(restarted.ConnectionString);
            Assert.Equal(3 << 20, (await again.Blobs.GetBlobContainerClient("kept").GetBlobClient("b").GetPropertiesAsync()).Value.ContentLength);
            Assert.True((await again.Tables.GetTableClient("kept").GetEntityIfExistsAsync<TableEntity>("p", "r")).HasValue);
            Assert.Equal("m", (await new QueueClient(restarted.ConnectionString, "kept").PeekMessageAsync()).Value.Body.ToString());
        }
        finally
        {
            ScratchFolders.TryDelete(folder);
        }
    }
}
