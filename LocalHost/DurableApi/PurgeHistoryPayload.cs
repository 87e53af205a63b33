using System.Text.Json.Serialization;

namespace PrimeFunctions.LocalHost.DurableApi;

/// <summary>What the extension answers a purge with (its <c>PurgeHistoryResult</c>).</summary>
public sealed record PurgeHistoryPayload([property: JsonPropertyName("instancesDeleted")] int InstancesDeleted);
