using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
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
        services.ConfigureHttpJsonOptions(json => UtcTimeJsonConverter.AddTo(json.SerializerOptions));
        services.AddSingleton(_ => StorageAccount.FromConfiguration(configuration));
        services.AddSingleton<SegmentStore>();
        services.AddSingleton<JobManifestStore>();
        services.AddSingleton<InstanceChanges>();
        services.AddSingleton<StartJobHandler>();
        services.AddSingleton<JobCompletion>();
        services.AddSingleton<ResultsHandler>();
        services.AddSingleton<FaultInjection>();
        services.AddSingleton<SieveSegmentActivity>();
        services.AddSingleton<MergeJobActivity>();
        services.AddSingleton<MergeProgressActivity>();
        services.AddSingleton<IsPrimeHandler>();
        services.AddSingleton<CpuBoundWork>();
        services.AddSingleton<ListJobsHandler>();
        services.AddSingleton<DeleteJobHandler>();
        services.AddSingleton<JobViewHandler>();
        services.AddSingleton<OpenApiHandler>();
        services.AddSingleton<DashboardHandler>();
        services.AddSingleton<RetentionSweep>();
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
