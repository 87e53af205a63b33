using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;

namespace PrimeFunctions.Tests.Deployment;

/// <summary>host.json holds values the Functions host accepts on the Consumption and Flex Consumption plans alike.</summary>
public sealed class HostJsonTests
{
    private static readonly JsonNode HostJson =
        JsonNode.Parse(File.ReadAllText(Path.Combine(BuildMetadata.RepositoryRoot, "host.json")))!;

    [Fact]
    public void Function_timeout_fits_the_ten_minute_limit_of_the_consumption_plan()
    {
        var timeout = TimeSpan.Parse((string)HostJson["functionTimeout"]!, CultureInfo.InvariantCulture);

        Assert.InRange(timeout, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(10));
    }

    [Fact]
    public void Task_hub_name_is_one_azure_storage_accepts()
    {
        // It prefixes queue, table and blob container names: letters and digits, 3 to 45, starting with a letter.
        var hubName = (string?)HostJson["extensions"]?["durableTask"]?["hubName"];

        Assert.Matches(new Regex("^[A-Za-z][A-Za-z0-9]{2,44}$"), hubName);
    }

    [Fact]
    public void Durable_concurrency_limits_are_set_for_both_hosts()
    {
        var durable = HostJson["extensions"]?["durableTask"];

        Assert.InRange((int?)durable?["maxConcurrentActivityFunctions"] ?? 0, 1, 64);
        Assert.InRange((int?)durable?["maxConcurrentOrchestratorFunctions"] ?? 0, 1, 64);
    }

    [Fact]
    public void The_local_host_takes_its_log_levels_from_host_json()
    {
        var settings = PrimeFunctions.LocalHost.HostJson.Read(
            Path.Combine(BuildMetadata.RepositoryRoot, "host.json"), new ConfigurationBuilder().Build());

        var logging = settings.LoggingConfiguration().ToDictionary();

        Assert.Equal((string?)HostJson["logging"]?["logLevel"]?["default"], logging["Logging:LogLevel:Default"]);
        Assert.Equal((string?)HostJson["logging"]?["logLevel"]?["Microsoft.AspNetCore"], logging["Logging:LogLevel:Microsoft.AspNetCore"]);
    }

    [Fact]
    public void The_local_host_polls_idle_queues_as_far_apart_as_host_json_says()
    {
        var settings = PrimeFunctions.LocalHost.HostJson.Read(
            Path.Combine(BuildMetadata.RepositoryRoot, "host.json"), new ConfigurationBuilder().Build());

        var configured = (string?)HostJson["extensions"]?["durableTask"]?["storageProvider"]?["maxQueuePollingInterval"];

        Assert.Equal(TimeSpan.Parse(configured!, CultureInfo.InvariantCulture), settings.MaxQueuePollingInterval);
        Assert.InRange(settings.MaxQueuePollingInterval, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));
    }

    [Fact]
    public void A_setting_under_AzureFunctionsJobHost_overrides_host_json_at_the_same_path_as_in_the_Functions_host()
    {
        var configuration = new ConfigurationBuilder().AddCommandLine(
        [
            "--AzureFunctionsJobHost:extensions:durableTask:hubName=Other",
            "--AzureFunctionsJobHost:Extensions:DurableTask:MaxConcurrentActivityFunctions=1",
            "--AzureFunctionsJobHost:extensions:durableTask:storageProvider:maxQueuePollingInterval=00:00:01",
            "--AzureFunctionsJobHost:extensions:http:routePrefix=v1",
        ]).Build();

        var settings = PrimeFunctions.LocalHost.HostJson.Read(Path.Combine(BuildMetadata.RepositoryRoot, "host.json"), configuration);

        Assert.Equal("Other", settings.HubName);
        Assert.Equal(1, settings.MaxConcurrentActivities);
        Assert.Equal(TimeSpan.FromSeconds(1), settings.MaxQueuePollingInterval);
        Assert.Equal("v1", settings.RoutePrefix);
        Assert.Equal((int?)HostJson["extensions"]?["durableTask"]?["storageProvider"]?["partitionCount"], settings.PartitionCount);
    }
}
