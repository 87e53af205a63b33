using System.Text.Json.Nodes;

namespace PrimeFunctions.LocalHost;

/// <summary>The settings of <c>host.json</c> that the local host honours, so it behaves and logs as the Functions host does.</summary>
/// Like the Functions host, a setting <c>AzureFunctionsJobHost__extensions__durableTask__hubName</c> overrides the file.
public sealed record HostJson(
    string HubName,
    int MaxConcurrentActivities,
    int MaxConcurrentOrchestrations,
    int PartitionCount,
    TimeSpan MaxQueuePollingInterval,
    IReadOnlyDictionary<string, string> LogLevels,
    string RoutePrefix)
{
    public static HostJson Read(string path, IConfiguration configuration)
    {
        var root = JsonNode.Parse(File.ReadAllText(path), documentOptions: new() { CommentHandling = System.Text.Json.JsonCommentHandling.Skip });
        var durable = root?["extensions"]?["durableTask"];
        return new HostJson(
            configuration["AzureFunctionsJobHost:extensions:durableTask:hubName"] ?? (string?)durable?["hubName"] ?? "TestHubName",
            (int?)durable?["maxConcurrentActivityFunctions"] ?? Environment.ProcessorCount,
            (int?)durable?["maxConcurrentOrchestratorFunctions"] ?? 10 * Environment.ProcessorCount,
            (int?)durable?["storageProvider"]?["partitionCount"] ?? 4,
            TimeSpan.Parse((string?)durable?["storageProvider"]?["maxQueuePollingInterval"] ?? "00:00:30", System.Globalization.CultureInfo.InvariantCulture),
            (root?["logging"]?["logLevel"] as JsonObject ?? []).ToDictionary(p => p.Key, p => (string)p.Value!),
            (string?)root?["extensions"]?["http"]?["routePrefix"] ?? "api");
    }

    /// <summary>
    /// <c>logging.logLevel</c> as ASP.NET Core logging configuration (<c>Logging:LogLevel:*</c>); the Functions host
    /// spells the fallback category <c>default</c>, ASP.NET Core <c>Default</c>.
    /// </summary>
    public IEnumerable<KeyValuePair<string, string?>> LoggingConfiguration() =>
        LogLevels.Select(level => KeyValuePair.Create(
            $"Logging:LogLevel:{(string.Equals(level.Key, "default", StringComparison.OrdinalIgnoreCase) ? "Default" : level.Key)}",
            (string?)level.Value));
}
