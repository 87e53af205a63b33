using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using PrimeFunctions.LocalHost;
using PrimeFunctions.Storage;

namespace PrimeFunctions.Tests.Fixtures;

/// <summary>
/// A service of its own: an Azurite (<see cref="AzuriteFixture"/>) and the local host serving the app over real HTTP
/// on it — for one class (<c>IClassFixture</c>), so the instances, blobs and rows the class sees are the ones it made,
/// or for the light classes of <see cref="SharedService"/>, one after another, each in ranges of its own. Segments are
/// small here (3·10^6 integers) and fan-out is capped at 3 tasks, so a range up to 10^7 already crosses clipped
/// segment edges and needs more than one wave.
/// </summary>
public sealed class ServiceFixture : IAsyncLifetime
{
    public const ulong SegmentWidth = 3_000_000;
    public const int MaxTasksPerOrchestration = 3;

    private readonly AzuriteFixture storage = new();
    private LocalHostApp? host;

    public AzuriteProcess Azurite => storage.Azurite;
    public StorageAccount Storage => storage.Storage;
    public HttpClient Http { get; private set; } = null!;
    public Uri BaseAddress { get; private set; } = null!;
    public WebApplication App => host!.App;
    public DurableTaskClient Durable => App.Services.GetRequiredService<DurableTaskClient>();

    public async Task InitializeAsync()
    {
        await storage.InitializeAsync();
        BaseAddress = new Uri($"http://127.0.0.1:{FreePorts.Next()}");
        host = await LocalHostApp.CreateAsync(
            [
                $"--urls={BaseAddress}",
                $"--AzureWebJobsStorage={Azurite.ConnectionString}",
                $"--Primes:SegmentWidth={SegmentWidth}",
                $"--Primes:MaxTasksPerOrchestration={MaxTasksPerOrchestration}",
                "--Primes:RetryAfterSeconds=1",
                "--Logging:LogLevel:Default=Warning",
            ]);
        await host.App.StartAsync();
        Http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
    }

    public async Task DisposeAsync()
    {
        Http?.Dispose();
        if (host is not null)
        {
            await DurableLeases.StopUnfinishedAsync(Durable);
            await host.DisposeAsync();
            await DurableLeases.WaitUntilReleasedAsync(Storage);
        }

        await storage.DisposeAsync();
    }
}
