using System.Text.Json;

namespace PrimeFunctions.Orchestration;

/// <summary>
/// How orchestration inputs, outputs, custom status and events are written into durable history, and so shown by
/// the status endpoint: with <see cref="PrimesJsonContext"/>'s source-generated metadata, camelCase like every other
/// JSON the API returns; a value of a type the context does not declare fails at once. Both hosts' data converters use these options.
/// </summary>
public static class DurableJson
{
    public static JsonSerializerOptions Options => PrimesJsonContext.Default.Options;
}
