using PrimeFunctions.LocalHost;
using PrimeFunctions.Storage;
using PrimeFunctions.Tests.Fixtures;

namespace PrimeFunctions.Tests.Storage;

/// <summary>The app's stores made while storage is down, as a host that starts before its storage account answers makes them.</summary>
public sealed class StorageCreationTests
{
    // Azurite's published development account.
    private const string DevelopmentKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    [Fact]
    public async Task Stores_whose_first_creation_failed_create_their_tables_and_container_once_storage_is_up()
    {
        var (blobPort, queuePort, tablePort) = (FreePorts.Next(), FreePorts.Next(), FreePorts.Next());
        var account = StorageAccount.FromConnectionString(
            "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
            $"AccountKey={DevelopmentKey};" +
            $"BlobEndpoint=http://127.0.0.1:{blobPort}/devstoreaccount1;" +
            $"QueueEndpoint=http://127.0.0.1:{queuePort}/devstoreaccount1;" +
            $"TableEndpoint=http://127.0.0.1:{tablePort}/devstoreaccount1;");
        var manifests = new JobManifestStore(account);
        var segments = new SegmentStore(account);
        var handoff = new SegmentHandoff(account, segments);
        var run = new JobRun("primes-0-99", "run");

        await Assert.ThrowsAnyAsync<Exception>(() => manifests.FindSummaryAsync(run.JobId));
        await Assert.ThrowsAnyAsync<Exception>(() => segments.FindAsync(1000, 0));
        await Assert.ThrowsAnyAsync<Exception>(() => handoff.FindAsync(run, 0));

        var folder = ScratchFolders.New();
        await using var azurite = await AzuriteProcess.StartAsync(folder, blobPort, queuePort, tablePort);

        Assert.Null(await manifests.FindSummaryAsync(run.JobId));
        var settled = await handoff.SettleAsync(run, 1000, 0, () => Task.FromResult(true));
        Assert.Equal(168, settled!.Count); // π(999), published
    }
}
