using System.Text.Json.Nodes;

namespace PrimeFunctions.LocalHost;

/// <summary>
/// The settings of <c>host.json</c> that the local host honours, so it behaves and logs as the Functions host does.
/// Like the Functions host, a setting under <c>AzureFunctionsJobHost</c> overrides the file's value at the same path:
/// <c>AzureFunctionsJobHost__extensions__durableTask__hubName</c>, or
/// <c>--AzureFunctionsJobHost:extensions:durableTask:storageProvider:maxQueuePollingInterval=00:00:01</c>.
/// </summary>
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
        var root = JsonNode.Parse(File.ReadAllText(path), documentOptions: new() { CommentHandling = System.Text.Json.JsonCommentHandling.Skip }) ?? new JsonObject();
        foreach (var (key, value) in configuration.GetSection("AzureFunctionsJobHost").AsEnumerable(makePathsRelative: true))
        {
            if (value is not null)
            {
                Override(root, key.Split(':'), value);
            }
        }

        var durable = root["extensions"]?["durableTask"];
        return new HostJson(
            Text(durable?["hubName"]) ?? "TestHubName",
            Number(durable?["maxConcurrentActivityFunctions"]) ?? Environment.ProcessorCount,
            Number(durable?["maxConcurrentOrchestratorFunctions"]) ?? 10 * Environment.ProcessorCount,
            Number(durable?["storageProvider"]?["partitionCount"]) ?? 4,
            TimeSpan.Parse(Text(durable?["storageProvider"]?["maxQueuePollingInterval"]) ?? "00:00:30", System.Globalization.CultureInfo.InvariantCulture),
            (root["logging"]?["logLevel"] as JsonObject ?? []).ToDictionary(p => p.Key, p => Text(p.Value)!),
            Text(root["extensions"]?["http"]?["routePrefix"]) ?? "api");
    }

    /// <summary>Sets the value at <paramref name="path"/> (property names matched as configuration keys are: ignoring case), creating objects on the way.</summary>
    private static void Override(JsonNode root, string[] path, string value)
    {
        var node = root.AsObject();
        for (var i = 0; ; i++)
        {
            var name = node.Select(p => p.Key).FirstOrDefault(k => string.Equals(k, path[i], StringComparison.OrdinalIgnoreCase)) ?? path[i];
            if (i == path.Length - 1)
            {
                node[name] = value;
                return;
            }

            if (node[name] is not JsonObject next)
            {
                node[name] = next = [];
            }

            node = next;
        }
    }

    // A value from the file is a JSON number or string; one from configuration is always a string.
    private static string? Text(JsonNode? node) => node is JsonValue value ? value.ToString() : null;

    private static int? Number(JsonNode? node) =>
        int.TryParse(Text(node), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var number) ? number : null;

    /// <summary>
    /// <c>logging.logLevel</c> as ASP.NET Core logging configuration (<c>Logging:LogLevel:*</c>); the Functions host
    /// spells the fallback category <c>default</c>, ASP.NET Core <c>Default</c>.
    /// </summary>
    public IEnumerable<KeyValuePair<string, string?>> LoggingConfiguration() =>
        LogLevels.Select(level => KeyValuePair.Create(
            $"Logging:LogLevel:{(string.Equals(level.Key, "default", StringComparison.OrdinalIgnoreCase) ? "Default" : level.Key)}",
            (string?)level.Value));
}
