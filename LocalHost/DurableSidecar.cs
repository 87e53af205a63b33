using DurableTask.AzureStorage;
using DurableTask.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.DurableTask.Testing.Sidecar.Grpc;

namespace PrimeFunctions.LocalHost;

/// <summary>
/// The durable runtime of the local host: the Durable Task Framework's Azure Storage provider — the engine
/// Durable Functions uses by default, on the same storage account — served over the Durable Task gRPC
/// protocol on a private loopback port, where the app's worker and client connect as they do to the
/// Functions host. Queue visibility timeouts are short, so a host killed mid-job resumes within seconds.
/// </summary>
public sealed class DurableSidecar : IAsyncDisposable
{
    private const int DispatchSlack = 4;
    private static readonly TimeSpan WorkItemVisibility = TimeSpan.FromSeconds(20);

    private readonly WebApplication host;

    private readonly SidecarOrchestrationService dispatched;

    private DurableSidecar(WebApplication host, GrpcChannel channel, AzureStorageOrchestrationService store, SidecarOrchestrationService dispatched)
    {
        this.host = host;
        Channel = channel;
        Store = store;
        this.dispatched = dispatched;
    }

    public GrpcChannel Channel { get; }

    /// <summary>The provider itself, for what the gRPC protocol does not carry: history, rewind, a purge filtered by status.</summary>
    public AzureStorageOrchestrationService Store { get; }

    public static async Task<DurableSidecar> StartAsync(
        string storageConnectionString, HostJson settings, ILoggerFactory loggerFactory, CancellationToken cancellationToken = default)
    {
        var service = new AzureStorageOrchestrationService(new AzureStorageOrchestrationServiceSettings
        {
            TaskHubName = settings.HubName,
            StorageAccountClientProvider = new StorageAccountClientProvider(storageConnectionString),
            PartitionCount = settings.PartitionCount,
            // The gRPC dispatcher looks for a free slot only every 500 ms once all are taken, which would leave
            // cores idle between short activities; a few more slots than host.json asks keep them busy.
            MaxConcurrentTaskActivityWorkItems = DispatchSlack * settings.MaxConcurrentActivities,
            MaxConcurrentTaskOrchestrationWorkItems = DispatchSlack * settings.MaxConcurrentOrchestrations,
            ControlQueueVisibilityTimeout = WorkItemVisibility,
            WorkItemQueueVisibilityTimeout = WorkItemVisibility,
            // host.json's, as in Azure. It does not slow a job down here: the provider wakes a queue's poller whenever
            // this process adds a message to it, and every step of a job is sent from this process.
            MaxQueuePollingInterval = settings.MaxQueuePollingInterval,
            ThrowExceptionOnInvalidDedupeStatus = true,
            LoggerFactory = loggerFactory,
        });
        await service.CreateIfNotExistsAsync();

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(kestrel =>
            kestrel.Listen(System.Net.IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc(grpc => grpc.Interceptors.Add<StorageOutageInterceptor>());
        var dispatched = new SidecarOrchestrationService(service, WorkItemVisibility / 2, loggerFactory.CreateLogger<SidecarOrchestrationService>());
        builder.Services.AddSingleton<IOrchestrationService>(dispatched);
        builder.Services.AddSingleton<IOrchestrationServiceClient>(service);
        builder.Services.AddSingleton<TaskHubGrpcServer>();
        var host = builder.Build();
        host.MapGrpcService<TaskHubGrpcServer>();
        await host.StartAsync(cancellationToken);

        var address = host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new DurableSidecar(host, GrpcChannel.ForAddress(address), service, dispatched);
    }

    /// <summary>
    /// Stops dispatching and hands the task hub's partitions back, waiting at most until
    /// <paramref name="cancellationToken"/> is cancelled. Call it while the worker is still connected: the provider
    /// releases a partition once the work items it holds are done, and one sent to a worker already gone is never
    /// answered, so its partition would stay leased until its lease expired.
    /// </summary>
    /// <remarks>
    /// The gRPC server stops its dispatchers when its application stops, and they stop the provider once what they
    /// handed out is answered. Its web server is left running until <see cref="DisposeAsync"/>: stopping it here would
    /// wait for the worker's open work-item stream, which ends only when the worker stops — after this returns.
    /// </remarks>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        host.Lifetime.StopApplication();
        try
        {
            await dispatched.Stopped.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Out of time: the partitions not yet handed back expire by themselves, as after a crash.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Channel.ShutdownAsync();
        Channel.Dispose();
        await host.StopAsync();
        await host.DisposeAsync();
    }
}
