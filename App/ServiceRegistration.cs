using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PrimeFunctions.Api;
using PrimeFunctions.Orchestration;
using PrimeFunctions.Storage;

namespace PrimeFunctions;

/// <summary>The services both hosts share: storage, handlers and activities, with settings validated at start-up.</summary>
public static class ServiceRegistration
{
    public static IServiceCollection AddPrimeFunctions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddPrimesOptions(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.ConfigureHttpJsonOptions(json => PrimesJsonContext.AddTo(json.SerializerOptions));
        services.AddSingleton(services => StorageAccount.FromConfiguration(
            configuration, services.GetRequiredService<Microsoft.Extensions.Options.IOptions<PrimesOptions>>().Value.StorageCallTimeout));
        services.AddSingleton<SegmentCatalog>();
        services.AddSingleton<SegmentBlobs>();
        services.AddSingleton<SegmentMemory>();
        services.AddSingleton(provider => new SegmentStore(
            provider.GetRequiredService<SegmentCatalog>(), provider.GetRequiredService<SegmentBlobs>(), provider.GetRequiredService<SegmentMemory>(),
            provider.GetService<Microsoft.Extensions.Logging.ILogger<SegmentStore>>()));
        services.AddSingleton(provider => new SegmentHandoff(
            provider.GetRequiredService<StorageAccount>(), provider.GetRequiredService<SegmentStore>(), provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton<JobManifestStore>();
        services.AddSingleton<InstanceChanges>();
        services.AddSingleton<CompletedStatusCache>();
        services.AddSingleton<CompletedManifests>();
        services.AddSingleton<StartJobHandler>();
        services.AddSingleton<JobCompletion>();
        services.AddSingleton<ResultsHandler>();
        services.AddSingleton<FaultInjection>();
        services.AddSingleton<SieveSegmentActivity>();
        services.AddSingleton<MergeJobActivity>();
        services.AddSingleton<MergeProgressActivity>();
        services.AddSingleton<IsPrimeActivity>();
        services.AddSingleton<IsPrimeAdmissionActivity>();
        services.AddSingleton<IsPrimeHandler>();
        services.AddSingleton<CpuBoundWork>();
        services.AddSingleton<CrossSiteRequestRule>();
        services.AddSingleton<ListJobsHandler>();
        services.AddSingleton<DeleteJobHandler>();
        services.AddSingleton<JobViewHandler>();
        services.AddSingleton<OpenApiHandler>();
        services.AddSingleton<DashboardHandler>();
        services.AddSingleton<RetentionSweep>();
        services.AddSingleton<PiValueStore>();
        services.AddSingleton<FindPiActivity>();
        services.AddSingleton<StorePiActivity>();
        services.AddSingleton<SieveCountActivity>();
        services.AddSingleton<CountingJobStart>();
        services.AddSingleton<CountJobHandler>();
        services.AddSingleton<NthPrimeHandler>();
        return services;
    }

    /// <summary>The <see cref="PrimesOptions"/>, bound from section <c>Primes</c> and validated when the host starts.</summary>
    public static IServiceCollection AddPrimesOptions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PrimesOptions>()
            .Bind(configuration.GetSection(PrimesOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        return services;
    }
}
