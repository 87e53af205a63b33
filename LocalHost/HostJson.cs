using System.Text.Json.Nodes;

namespace PrimeFunctions.LocalHost;

/// <summary>The durable settings of <c>host.json</c> that the local host honours, so it behaves as the Functions host does.</summary>
/// Like the Functions host, a setting <c>AzureFunctionsJobHost__extensions__durableTask__hubName</c> overrides the file.
public sealed record HostJson(string HubName, int MaxConcurrentActivities, int MaxConcurrentOrchestrations, int PartitionCount)
{
    public static HostJson Read(string path, IConfiguration configuration)
    {
        var durable = JsonNode.Parse(File.ReadAllText(path), documentOptions: new() { CommentHandling = System.Text.Json.JsonCommentHandling.Skip })?["extensions"]?["durableTask"];
        return new HostJson(
            configuration["AzureFunctionsJobHost:extensions:durableTask:hubName"] ?? (string?)durable?["hubName"] ?? "TestHubName",
            (int?)durable?["maxConcurrentActivityFunctions"] ?? Environment.ProcessorCount,
            (int?)durable?["maxConcurrentOrchestratorFunctions"] ?? 10 * Environment.ProcessorCount,
            (int?)durable?["storageProvider"]?["partitionCount"] ?? 4);
    }
}
