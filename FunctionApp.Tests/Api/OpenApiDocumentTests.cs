using System.Text.Json;
using PrimeFunctions.Api;
using PrimeFunctions.Tests.Fixtures;
using PrimeFunctions.Tests.Hosting;

namespace PrimeFunctions.Tests.Api;

/// <summary>
/// The OpenAPI document describes exactly the HTTP functions — the one description of routes both hosts serve
/// (see <see cref="FunctionRegistrationTests"/> for the local host) — and the local host serves it.
/// </summary>
[Collection(SharedService.Name)]
public sealed class OpenApiDocumentTests(ServiceFixture service)
{
    private static readonly string[] Verbs = ["get", "put", "post", "delete", "patch", "head", "options", "trace"];

    [Fact]
    public void The_document_lists_every_http_function_and_no_other_route()
    {
        Assert.Equal(DocumentedOperations(), FunctionsMetadata.HttpOperations());
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

    // Every GET route answers HEAD too (RFC 9110 §9.3.2): the functions declare it, the document implies it.
    private static IEnumerable<string> DocumentedOperations() =>
        JsonDocument.Parse(OpenApiHandler.Read()).RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Where(o => Verbs.Contains(o.Name))
                .SelectMany(o => o.Name == "get" ? new[] { "GET", "HEAD" } : [o.Name.ToUpperInvariant()])
                .Select(verb => $"{verb} {path.Name}"))
            .Order();

    private static IEnumerable<string> References(JsonElement node) => node.ValueKind switch
    {
        JsonValueKind.Object => node.EnumerateObject().SelectMany(p =>
            p.Name == "$ref" ? [p.Value.GetString()!] : References(p.Value)),
        JsonValueKind.Array => node.EnumerateArray().SelectMany(References),
        _ => [],
    };
}
