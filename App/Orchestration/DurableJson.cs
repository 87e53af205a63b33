using System.Text.Json;

namespace PrimeFunctions.Orchestration;

/// <summary>
/// How orchestration inputs, outputs and custom status are written into durable history, and so shown by the
/// status endpoint: camelCase, like every other JSON the API returns. Both hosts use these options.
/// </summary>
public static class DurableJson
{
    public static JsonSerializerOptions Options { get; } = UtcTimeJsonConverter.AddTo(new(JsonSerializerDefaults.Web));
}
