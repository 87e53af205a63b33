using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using System.Text.Json.Serialization.Metadata;
using PrimeFunctions.Orchestration;
using PrimeFunctions.Storage;

namespace PrimeFunctions.Api;

/// <summary>
/// The OpenAPI 3.1 document both hosts serve: routes, parameters and responses as written in <c>Api/openapi.json</c>,
/// and the schema of every response body generated from the type the handler really returns
/// (<see cref="JsonSchemaExporter"/>, with the serializer options the hosts answer with), so a field added to or
/// renamed in a response type changes the document with it. A body type a handler starts returning is one line in
/// <see cref="ResponseTypes"/>, named as the document's <c>$ref</c>s name it.
/// </summary>
public static class OpenApiDocument
{
    /// <summary>The response body types, by the schema name the document refers to them with.</summary>
    public static readonly IReadOnlyDictionary<string, Type> ResponseTypes = new Dictionary<string, Type>
    {
        ["JobSummary"] = typeof(JobSummary),
        ["JobResponse"] = typeof(JobResponse),
        ["JobList"] = typeof(JobList),
        ["JobListItem"] = typeof(JobListItem),
        ["JobView"] = typeof(JobView),
        ["SegmentView"] = typeof(SegmentView),
        ["ResultsPage"] = typeof(ResultsPage),
        ["IsPrimeAnswer"] = typeof(IsPrimeAnswer),
        ["IsPrimeJob"] = typeof(IsPrimeJobResponse),
        ["CountResult"] = typeof(CountResult),
        ["NthPrimeResult"] = typeof(NthPrimeResult),
    };

    /// <summary>
    /// The metadata responses are written with (<see cref="PrimesJsonContext"/>), as written: the web defaults also
    /// read numbers from strings, which a response never carries. Without the time converters, which the exporter
    /// cannot see into: they write the RFC 3339 date-time the built-in converters' schema describes.
    /// </summary>
    private static readonly JsonSerializerOptions Serialization = new(JsonSerializerOptions.Web)
    {
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict,
        RespectNullableAnnotations = true,
        TypeInfoResolver = PrimesJsonContext.Default,
    };

    public static string Build()
    {
        var document = JsonNode.Parse(EmbeddedText.Read(OpenApiHandler.ResourceName))!.AsObject();
        var schemas = document["components"]!["schemas"]!.AsObject();
        foreach (var (name, type) in ResponseTypes)
        {
            schemas[name] = SchemaOf(type);
        }

        return document.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    private static JsonNode SchemaOf(Type type)
    {
        var exported = Serialization.GetJsonSchemaAsNode(type, new JsonSchemaExporterOptions
        {
            TreatNullObliviousAsNonNullable = true,
            TransformSchemaNode = (context, node) =>
            {
                var nested = context.TypeInfo.Type;
                nested = Nullable.GetUnderlyingType(nested) ?? nested;
                if (context.Path.Length > 0 && ResponseTypes.FirstOrDefault(t => t.Value == nested).Key is { } name)
                {
                    JsonNode reference = new JsonObject { ["$ref"] = $"#/components/schemas/{name}" };
                    return IsNullable(node) ? new JsonObject { ["anyOf"] = new JsonArray(reference, new JsonObject { ["type"] = "null" }) } : reference;
                }

                if (context.TypeInfo.Kind == JsonTypeInfoKind.Object && node is JsonObject shape && context.PropertyInfo is null)
                {
                    MarkAlwaysSentAsRequired(context.TypeInfo, shape);
                }

                return WrittenAsString(context.PropertyInfo) ? NumberAsString(node) : node;
            },
        });
        return exported;
    }

    // Every property the serializer always writes is required; one it leaves out when null is not; no other is sent.
    private static void MarkAlwaysSentAsRequired(JsonTypeInfo type, JsonObject shape)
    {
        shape["additionalProperties"] = false;
        var required = type.Properties.Where(p => p.Get is not null && p.ShouldSerialize is null).Select(p => (JsonNode)p.Name).ToArray();
        if (required.Length > 0)
        {
            shape["required"] = new JsonArray(required);
        }
    }

    private static bool WrittenAsString(JsonPropertyInfo? property) =>
        property?.NumberHandling is { } handling && handling.HasFlag(System.Text.Json.Serialization.JsonNumberHandling.WriteAsString);

    // The exporter forgets a property's WriteAsString on a nullable number (ulong?): what is written is a decimal string.
    private static JsonNode NumberAsString(JsonNode node)
    {
        if (node is JsonObject shape && shape["type"] is JsonArray types && types.Any(t => t?.GetValue<string>() == "integer"))
        {
            shape["type"] = new JsonArray(types.Select(t => t!.GetValue<string>()).Select(t => t == "integer" ? "string" : t).Distinct()
                .Select(t => (JsonNode)t).ToArray());
            shape["pattern"] = "^(?:0|[1-9][0-9]*)$";
        }

        return node;
    }

    private static bool IsNullable(JsonNode node) =>
        node is JsonObject { } shape && shape["type"] is JsonArray types && types.Any(t => t?.GetValue<string>() == "null");
}
