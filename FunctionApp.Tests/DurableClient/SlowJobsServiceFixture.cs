using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using PrimeFunctions.LocalHost;
using PrimeFunctions.Tests.Fixtures;

namespace PrimeFunctions.Tests.DurableClient;

/// <summary>
/// An Azurite and a local host of their own whose range jobs take a while — each segment's sieve waits
/// <see cref="SegmentDelay"/> — so a job is still running while a client suspends, resumes and terminates it.
/// </summary>
public sealed class SlowJobsServiceFixture : IAsyncLifetime
{
    public static readonly TimeSpan SegmentDelay = TimeSpan.FromSeconds(2);

    private readonly AzuriteFixture storage = new();
    private LocalHostApp? host;

    public Uri BaseAddress { get; private set; } = null!;
    public string HubName => host!.App.Services.GetRequiredService<HostJson>().HubName;

    public async Task InitializeAsync()
    {
        await storage.InitializeAsync();
        BaseAddress = new Uri($"http://127.0.0.1:{FreePorts.Next()}");
        host = await LocalHostApp.CreateAsync(
            [
                $"--urls={BaseAddress}",
                $"--AzureWebJobsStorage={storage.Azurite.ConnectionString}",
                $"--Primes:SegmentWidth={ServiceFixture.SegmentWidth}",
                $"--Primes:MaxTasksPerOrchestration={ServiceFixture.MaxTasksPerOrchestration}",
                $"--Primes:Faults:SegmentDelay={SegmentDelay}",
                "--Primes:SegmentsPerTask=1",
                "--Logging:LogLevel:Default=Warning",
            ]);
        await host.App.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (host is not null)
        {
            // The client leaves jobs running (slowed on purpose) and suspended. A host stopped with an activity in flight
            // abandons it and keeps its partitions leased, so the jobs are stopped first and their last activities (one
            // segment each) let finish.
            await DurableLeases.StopUnfinishedAsync(host.App.Services.GetRequiredService<DurableTaskClient>());
            await Task.Delay(SegmentDelay * 2 + TimeSpan.FromSeconds(1));
            await host.DisposeAsync();
            await DurableLeases.WaitUntilReleasedAsync(storage.Storage);
        }

        await storage.DisposeAsync();
    }
}
