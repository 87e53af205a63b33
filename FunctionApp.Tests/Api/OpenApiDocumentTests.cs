using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Azure.Functions.Worker;
using PrimeFunctions.Api;
using PrimeFunctions.Tests.Fixtures;

namespace PrimeFunctions.Tests.Api;

/// <summary>The OpenAPI document describes exactly the public routes each host maps, and both serve it.</summary>
[Collection(Serial.Name)]
public sealed class OpenApiDocumentTests(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    private static readonly string[] Verbs = ["get", "put", "post", "delete", "patch", "head", "options", "trace"];

    [Fact]
    public void The_document_lists_every_http_trigger_of_the_function_app_and_no_other_route()
    {
        var triggers = typeof(Functions.PrimesHttpFunctions).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static))
            .SelectMany(m => m.GetParameters())
            .Select(p => p.GetCustomAttribute<HttpTriggerAttribute>())
            .OfType<HttpTriggerAttribute>()
            .SelectMany(t => t.Methods!.Select(method => $"{method.ToUpperInvariant()} /api/{t.Route}"))
            .Order();

        Assert.Equal(DocumentedOperations(), triggers);
    }

    [Fact]
    public void The_document_lists_every_api_route_the_local_host_maps_and_no_other()
    {
        var mapped = ((IEndpointRouteBuilder)service.App).DataSources
            .SelectMany(source => source.Endpoints)
            .OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.StartsWith("/api/", StringComparison.Ordinal))
            .SelectMany(e => e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Select(method => $"{method} {e.RoutePattern.RawText}"))
            .Order();

        Assert.Equal(DocumentedOperations(), mapped);
    }

    [Fact]
    public async Task The_local_host_serves_the_document()
    {
        var response = await service.Http.GetAsync("/api/openapi.json");

        response.EnsureSuccessStatusCode();
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(OpenApiHandler.Read(), text);
        Assert.StartsWith("3.", JsonDocument.Parse(text).RootElement.GetProperty("openapi").GetString());
    }

    [Fact]
    public void Every_reference_in_the_document_resolves()
    {
        var document = JsonDocument.Parse(OpenApiHandler.Read()).RootElement;
        foreach (var reference in References(document))
        {
            var target = reference.TrimStart('#', '/').Split('/').Aggregate(document, (node, name) => node.GetProperty(name));
            Assert.NotEqual(JsonValueKind.Undefined, target.ValueKind);
        }
    }

    private static IEnumerable<string> DocumentedOperations() =>
        JsonDocument.Parse(OpenApiHandler.Read()).RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Where(o => Verbs.Contains(o.Name)).Select(o => $"{o.Name.ToUpperInvariant()} {path.Name}"))
            .Order();

    private static IEnumerable<string> References(JsonElement node) => node.ValueKind switch
    {
        JsonValueKind.Object => node.EnumerateObject().SelectMany(p =>
            p.Name == "$ref" ? [p.Value.GetString()!] : References(p.Value)),
        JsonValueKind.Array => node.EnumerateArray().SelectMany(References),
        _ => [],
    };
}
