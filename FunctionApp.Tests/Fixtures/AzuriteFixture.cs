using PrimeFunctions.LocalHost;
using PrimeFunctions.Storage;

namespace PrimeFunctions.Tests.Fixtures;

/// <summary>
/// An Azurite of one test class's own, on free loopback ports with a throw-away data folder: what the class counts,
/// lists or sweeps there is its own, whatever ran before it.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private readonly string dataFolder = ScratchFolders.New();

    public AzuriteProcess Azurite { get; private set; } = null!;
    public StorageAccount Storage { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Azurite = await AzuriteProcess.StartAsync(dataFolder, FreePorts.Next(), FreePorts.Next(), FreePorts.Next());
        Storage = StorageAccount.FromConnectionString(Azurite.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        await Azurite.DisposeAsync();
        ScratchFolders.TryDelete(dataFolder);
    }
}
