using System.Text.Json.Serialization;

namespace PrimeFunctions.LocalHost.DurableApi;

/// <summary>
/// The body of the extension's check-status response (its <c>CreateCheckStatusResponse</c>), which starting or
/// restarting an orchestrator through the built-in routes answers with: the instance's management URLs, each with
/// the task hub and connection in its query as the extension writes them.
/// </summary>
public sealed record CheckStatusPayload(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("statusQueryGetUri")] string StatusQueryGetUri,
    [property: JsonPropertyName("sendEventPostUri")] string SendEventPostUri,
    [property: JsonPropertyName("terminatePostUri")] string TerminatePostUri,
    [property: JsonPropertyName("purgeHistoryDeleteUri")] string PurgeHistoryDeleteUri,
    [property: JsonPropertyName("restartPostUri")] string RestartPostUri,
    [property: JsonPropertyName("suspendPostUri")] string SuspendPostUri,
    [property: JsonPropertyName("resumePostUri")] string ResumePostUri)
{
    /// <summary>The connection name the extension puts in its URLs for <c>AzureWebJobsStorage</c>.</summary>
    public const string DefaultConnection = "Storage";

    public static CheckStatusPayload For(HttpRequest request, string hubName, string instanceId)
    {
        var instance = $"{RequestManagementUrls.Origin(request)}{DurableHttpApi.BasePath}/instances/{Uri.EscapeDataString(instanceId)}";
        var query = $"taskHub={Uri.EscapeDataString(hubName)}&connection={DefaultConnection}";
        return new CheckStatusPayload(
            instanceId,
            $"{instance}?{query}",
            $"{instance}/raiseEvent/{{eventName}}?{query}",
            $"{instance}/terminate?reason={{text}}&{query}",
            $"{instance}?{query}",
            $"{instance}/restart?{query}",
            $"{instance}/suspend?reason={{text}}&{query}",
            $"{instance}/resume?reason={{text}}&{query}");
    }
}
