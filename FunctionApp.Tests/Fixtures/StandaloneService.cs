using PrimeFunctions.LocalHost;
using PrimeFunctions.Storage;

namespace PrimeFunctions.Tests.Fixtures;

/// <summary>
/// A local host and an Azurite of one test's own, for a test that stops or stalls the emulator: nothing else shares
/// either. Disposing starts the emulator again if it was stopped, so that the host can give up its durable partitions
/// (see <see cref="DurableLeases"/>), then removes both.
/// </summary>
internal sealed class StandaloneService : IAsyncDisposable
{
    private readonly string dataFolder = ScratchFolders.New();
    private readonly int blob = FreePorts.Next(), queue = FreePorts.Next(), table = FreePorts.Next();
    private LocalHostApp host = null!;

    private StandaloneService()
    {
    }

    public AzuriteProcess? Azurite { get; private set; }
    public Uri Address { get; } = new($"http://127.0.0.1:{FreePorts.Next()}");
    public HttpClient Http { get; private set; } = null!;

    /// <summary>Starts both; <paramref name="settings"/> are the host's command-line settings beyond its address and storage.</summary>
    public static async Task<StandaloneService> StartAsync(params string[] settings)
    {
        var service = new StandaloneService();
        await service.StartAzuriteAsync();
        service.host = await LocalHostApp.CreateAsync(
            [$"--urls={service.Address}", $"--AzureWebJobsStorage={service.Azurite!.ConnectionString}", "--Logging:LogLevel:Default=None", .. settings]);
        await service.host.App.StartAsync();
        service.Http = new HttpClient { BaseAddress = service.Address, Timeout = TimeSpan.FromMinutes(3) };
        return service;
    }

    public async Task StopAzuriteAsync()
    {
        await Azurite!.DisposeAsync();
        Azurite = null;
    }

    public async Task StartAzuriteAsync() => Azurite ??= await AzuriteProcess.StartAsync(dataFolder, blob, queue, table);

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await StartAzuriteAsync();
        await host.DisposeAsync();
        await DurableLeases.WaitUntilReleasedAsync(StorageAccount.FromConnectionString(Azurite!.ConnectionString));
        await Azurite.DisposeAsync();
        ScratchFolders.TryDelete(dataFolder);
    }
}
