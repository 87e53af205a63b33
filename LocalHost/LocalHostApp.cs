using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Client.Grpc;
using Microsoft.DurableTask.Converters;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Grpc.Internal;
using Microsoft.Extensions.Options;
using PrimeFunctions.Api;
using PrimeFunctions.LocalHost.Triggers;
using PrimeFunctions.Orchestration;
using PrimeFunctions.Storage;

namespace PrimeFunctions.LocalHost;

/// <summary>
/// FunctionApp hosted without Azure Functions Core Tools: its own <c>[Function]</c> methods — HTTP triggers,
/// orchestrators, activities and timers, each registered by name in <see cref="FunctionList"/> — run on the Durable
/// Task SDK over the Azure Storage provider, serving the same routes on <c>http://127.0.0.1:7071</c>. Settings come from the environment, then <c>FunctionApp/local.settings.json</c>;
/// durable settings from <c>host.json</c>. With <c>UseDevelopmentStorage=true</c> and no emulator running,
/// it starts Azurite itself, with its data in <c>.azurite/</c>.
/// </summary>
public sealed class LocalHostApp : IAsyncDisposable
{
    public const string DefaultUrl = "http://127.0.0.1:7071";

    private readonly List<IAsyncDisposable> owned;

    private LocalHostApp(WebApplication app, List<IAsyncDisposable> owned)
    {
        App = app;
        this.owned = owned;
    }

    public WebApplication App { get; }

    public static async Task<LocalHostApp> CreateAsync(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        AddFallback(builder.Configuration, LocalSettingsSource.Read(RepositoryLayout.LocalSettings));
        if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        configure?.Invoke(builder);
        StartupProblem.ThrowIfPortTaken(builder.Configuration[WebHostDefaults.ServerUrlsKey] ?? DefaultUrl);
        StartupProblem.ThrowIfSettingsInvalid(builder.Configuration);
        var timers = TimerTriggers.Of(FunctionList.Timers);
        var owned = new List<IAsyncDisposable>();
        try
        {
            var connection = builder.Configuration[StorageAccount.SettingName] ?? AzuriteProcess.DevelopmentStorage;
            builder.Configuration[StorageAccount.SettingName] = connection;
            if (connection == AzuriteProcess.DevelopmentStorage)
            {
                if (AzuriteProcess.IsListening(10000))
                {
                    Console.WriteLine("Using the storage emulator already listening on 127.0.0.1:10000 (another host's Azurite, or your own).");
                }
                else
                {
                    Console.WriteLine("Starting Azurite on 127.0.0.1:10000-10002, data in .azurite/ ...");
                    owned.Add(await AzuriteProcess.StartAsync(Path.Combine(RepositoryLayout.Root, ".azurite")));
                }
            }

            var hostJson = HostJson.Read(RepositoryLayout.HostJson, builder.Configuration);
            AddFallback(builder.Configuration, hostJson.LoggingConfiguration());
            builder.Logging.AddSimpleConsole(console => console.SingleLine = true);
            using var sidecarLogs = LoggerFactory.Create(logging => logging.AddConsole().SetMinimumLevel(LogLevel.Warning));
            DurableSidecar sidecar;
            try
            {
                sidecar = await DurableSidecar.StartAsync(connection, hostJson, sidecarLogs);
            }
            catch (Exception e) when (e is Azure.RequestFailedException or HttpRequestException or AggregateException)
            {
                throw StartupProblem.StorageUnreachable(e.InnerException ?? e);
            }

            owned.Insert(0, sidecar);

            builder.Services.AddPrimeFunctions(builder.Configuration);
            builder.Services.AddSingleton<IManagementUrls, RequestManagementUrls>();
            builder.Services.AddSingleton<FunctionInvocations>();
            builder.Services.AddHostedService(services => ActivatorUtilities.CreateInstance<TimerTriggers>(services, timers));
            builder.Services.AddSingleton(hostJson);
            builder.Services.AddSingleton(sidecar.Store);
            builder.Services.AddSingleton<DurableApi.InstanceHistory>();
            AddProblemResponses(builder.Services);
            builder.Services.AddAllowedHostsCheck();
            var dataConverter = new JsonDataConverter(DurableJson.Options);
            builder.Services.AddDurableTaskClient(client =>
            {
                client.UseGrpc(sidecar.Channel);
                client.Configure(options => options.DataConverter = dataConverter);
                // Each call a request makes is bounded as its storage calls are: a stalled backend is a 503, not a hang.
                client.Services.AddOptions<GrpcDurableTaskClientOptions>(client.Name)
                    .Configure<IOptions<PrimesOptions>>((grpc, primes) => grpc.GrpcCallTimeout = primes.Value.StorageCallTimeout);
            });
            builder.Services.AddDurableTaskWorker(worker =>
            {
                // The local sidecar sends no health pings, so the worker's silent-disconnect check would drop and
                // reopen the work-item stream after every idle two minutes — and a work item sent as the old stream
                // closes is never answered, leaving its job stuck. The sidecar is in this process: no check needed.
                worker.UseGrpc(options =>
                {
                    options.Channel = sidecar.Channel;
                    options.SetSilentDisconnectTimeout(TimeSpan.Zero);
                });
                worker.Configure(options => options.DataConverter = dataConverter);
                // Registered once the services exist: each call is counted in FunctionInvocations, and the registry
                // offers no factory with services for orchestrators.
                worker.Services.AddOptions<DurableTaskRegistry>(worker.Name)
                    .Configure<IServiceProvider>((registry, services) => registry.AddDurableFunctions(services));
            });

            // Registered after the worker, so stopped before it: the durable runtime finishes what it sent the worker.
            builder.Services.AddHostedService(_ => new SidecarStop(sidecar));

            var app = builder.Build();
            UseProblemResponses(app);
            app.UseAllowedHostsCheck();
            app.UseCrossSiteRequestRule();
            app.MapHttpFunctions(hostJson.RoutePrefix);
            app.MapDurableHttpApi();
            return new LocalHostApp(app, owned);
        }
        catch
        {
            foreach (var resource in owned)
            {
                await resource.DisposeAsync();
            }

            throw;
        }
    }

    /// <summary>Settings from the repository's files, below the environment and the command line, which override them.</summary>
    private static void AddFallback(ConfigurationManager configuration, IEnumerable<KeyValuePair<string, string?>> values) =>
        configuration.Sources.Insert(0, new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationSource { InitialData = values });

    /// <summary>
    /// Errors as RFC 9457 problem bodies with a correlation id; a request that ends in an exception answers as
    /// <see cref="RequestFailure"/> decides — 500 only for our own bugs — and never with its exception.
    /// </summary>
    internal static void AddProblemResponses(IServiceCollection services)
    {
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
            context.ProblemDetails.Extensions.TryAdd("correlationId", context.HttpContext.TraceIdentifier));
        services.AddExceptionHandler<RequestFailureHandler>();
    }

    /// <summary>The middleware that turns a failure, or a bare error status, into a problem body.</summary>
    internal static void UseProblemResponses(WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
    }

    /// <summary>Stops the app — the durable runtime first, then the worker — before disposing it and what it owns.</summary>
    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        foreach (var resource in owned)
        {
            await resource.DisposeAsync();
        }
    }
}

/// <summary>Stops the durable sidecar when the app stops, ahead of the worker (hosted services stop in reverse order).</summary>
internal sealed class SidecarStop(DurableSidecar sidecar) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => sidecar.StopAsync(cancellationToken);
}
