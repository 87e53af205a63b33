using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Microsoft.DurableTask.Client;
using PrimeFunctions.Api;

namespace PrimeFunctions.LocalHost.DurableApi;

/// <summary>
/// An instance as the extension's status and list routes describe it (its <c>StatusResponsePayload</c>): the same
/// field names, times to the second in UTC, and <c>historyEvents</c> only when history was asked for.
/// </summary>
public sealed record InstanceStatusPayload(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("instanceId")] string InstanceId,
    [property: JsonPropertyName("runtimeStatus")] string RuntimeStatus,
    [property: JsonPropertyName("input")] JsonNode? Input,
    [property: JsonPropertyName("customStatus")] JsonNode? CustomStatus,
    [property: JsonPropertyName("output")] JsonNode? Output,
    [property: JsonPropertyName("createdTime")] string CreatedTime,
    [property: JsonPropertyName("lastUpdatedTime")] string LastUpdatedTime,
    [property: JsonPropertyName("historyEvents"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] JsonArray? HistoryEvents = null)
{
    public static InstanceStatusPayload Of(OrchestrationMetadata instance, bool showInput, JsonArray? history = null) => new(
        instance.Name,
        instance.InstanceId,
        instance.RuntimeStatus.ToString(),
        showInput ? Lenient(instance.SerializedInput) : null,
        Lenient(instance.SerializedCustomStatus),
        instance.RuntimeStatus == OrchestrationRuntimeStatus.Failed ? JsonValue.Create(FailureReason.Of(instance)) : Lenient(instance.SerializedOutput),
        Time(instance.CreatedAt),
        Time(instance.LastUpdatedAt),
        history);

    /// <summary>
    /// A stored value as JSON, or as the text it is when it is not JSON: the Azure Storage provider keeps the raw
    /// reason of a suspend or resume in the instance's output, and the extension shows such values as strings.
    /// </summary>
    public static JsonNode? Lenient(string? serialized)
    {
        if (string.IsNullOrEmpty(serialized))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(serialized);
        }
        catch (JsonException)
        {
            return JsonValue.Create(serialized);
        }
    }

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}
