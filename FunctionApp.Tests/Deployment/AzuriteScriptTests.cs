using System.Net.NetworkInformation;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using PrimeFunctions.Tests.Fixtures;

namespace PrimeFunctions.Tests.Deployment;

/// <summary>azurite.ps1, run as a developer runs it: it starts the pinned Azurite, prints a working connection string, and stops it.</summary>
[LongRunning(120)]
public sealed class AzuriteScriptTests
{
    [Fact]
    public async Task Started_emulator_serves_blob_queue_and_table_on_loopback_with_the_printed_connection_string()
    {
        await using var azurite = new AzuriteScript();

        var start = await azurite.RunAsync();

        Assert.True(start.ExitCode == 0, start.Transcript);
        var connectionString = AzuriteScript.PrintedConnectionString(start);

        var container = new BlobContainerClient(connectionString, "probe");
        await container.CreateAsync();
        await container.UploadBlobAsync("blob.txt", BinaryData.FromString("blob"));
        Assert.Equal("blob", (await container.GetBlobClient("blob.txt").DownloadContentAsync()).Value.Content.ToString());

        var queue = new QueueClient(connectionString, "probe");
        await queue.CreateAsync();
        await queue.SendMessageAsync("queue");
        Assert.Equal("queue", (await queue.ReceiveMessageAsync()).Value.MessageText);

        var table = new TableClient(connectionString, "probe");
        await table.CreateAsync();
        await table.AddEntityAsync(new TableEntity("partition", "row") { ["Text"] = "table" });
        Assert.Equal("table", (await table.GetEntityAsync<TableEntity>("partition", "row")).Value.GetString("Text"));

        var listeners = IPGlobalProperties.GetIPGlobalProperties().GetActiveTcpListeners();
        foreach (var port in azurite.Ports)
        {
            Assert.All(listeners.Where(endpoint => endpoint.Port == port), endpoint => Assert.True(System.Net.IPAddress.IsLoopback(endpoint.Address), $"{endpoint} is not loopback"));
        }
    }

    [Fact]
    public async Task Stop_switch_ends_the_emulator_and_closes_every_port()
    {
        await using var azurite = new AzuriteScript();
        var start = await azurite.RunAsync();
        Assert.True(start.ExitCode == 0, start.Transcript);

        var stop = await azurite.RunAsync("-Stop");

        Assert.True(stop.ExitCode == 0, stop.Transcript);
        Assert.All(azurite.Ports, port => Assert.False(AzuriteScript.AcceptsConnections(port), $"port {port} still accepts connections"));
    }

    [Fact]
    public async Task Clean_switch_restarts_the_emulator_on_empty_storage()
    {
        await using var azurite = new AzuriteScript();
        var start = await azurite.RunAsync();
        Assert.True(start.ExitCode == 0, start.Transcript);
        var service = new BlobServiceClient(AzuriteScript.PrintedConnectionString(start));
        await service.CreateBlobContainerAsync("kept-until-clean");

        var clean = await azurite.RunAsync("-Clean");

        Assert.True(clean.ExitCode == 0, clean.Transcript);
        Assert.False((await service.GetBlobContainerClient("kept-until-clean").ExistsAsync()).Value);
    }
}
