using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Json.Schema;
using PrimeFunctions.Api;
using PrimeFunctions.Tests.DurableClient;
using PrimeFunctions.Tests.Fixtures;

namespace PrimeFunctions.Tests.Api;

/// <summary>
/// The OpenAPI document holds: Redocly's recommended rules find no error in it, and every response the local host
/// sends on every <c>/api</c> route — successes and refusals — has a status, headers and a body the document
/// declares for that operation, the body valid under its JSON Schema (JsonSchema.Net, draft 2020-12 as OpenAPI 3.1 uses).
/// </summary>
public sealed class OpenApiConformanceTests(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    private static readonly JsonObject Document = JsonNode.Parse(OpenApiHandler.Read())!.AsObject();

    [Fact]
    public async Task Redocly_lint_finds_no_error()
    {
        var cli = NodeProcess.Package("@redocly/cli", Path.Combine("bin", "cli.js"));
        var folder = Directory.CreateTempSubdirectory("openapi-lint");
        var file = Path.Combine(folder.FullName, "openapi.json");
        await File.WriteAllTextAsync(file, OpenApiHandler.Read());

        var lint = await NodeProcess.RunAsync(TimeSpan.FromMinutes(2), cli, "lint", file);

        folder.Delete(recursive: true);
        Assert.True(lint.ExitCode == 0, lint.Output);
        Assert.DoesNotContain("error", lint.Output.Split('\n').Where(l => l.Contains("Validation", StringComparison.Ordinal)), StringComparer.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Every_api_response_is_one_the_document_declares()
    {
        var jobs = new JobClient(service.Http);
        var job = (await jobs.RunAsync(1_000, 20_000)).GetProperty("id").GetString()!;
        await jobs.RunAsync(30_000, 40_000);
        var exchanges = new (HttpMethod Method, string Path, HttpContent? Body, Action<HttpRequestMessage>? Headers)[]
        {
            (HttpMethod.Post, "/api/primes", JsonContent.Create(new { from = 1_000, to = 20_000 }), null),
            (HttpMethod.Post, "/api/primes", JsonContent.Create(new { from = "x", to = 5 }), null),
            (HttpMethod.Get, "/api/primes", null, null),
            (HttpMethod.Get, "/api/primes?top=0", null, null),
            (HttpMethod.Get, $"/api/primes/{job}", null, null),
            (HttpMethod.Get, "/api/primes/primes-5-4", null, null),
            (HttpMethod.Get, "/api/primes/primes-9-99", null, null),
            (HttpMethod.Get, $"/api/primes/{job}/results?limit=5", null, null),
            (HttpMethod.Get, $"/api/primes/{job}/results?limit=5&offset=2000", null, null),
            (HttpMethod.Get, $"/api/primes/{job}/results?format=text", null, null),
            (HttpMethod.Get, $"/api/primes/{job}/results?format=text", null, r => r.Headers.Range = new(0, 9)),
            (HttpMethod.Get, $"/api/primes/{job}/results?format=text", null, r => r.Headers.Range = new(1_000_000, null)),
            (HttpMethod.Get, $"/api/primes/{job}/results?limit=-1", null, null),
            (HttpMethod.Get, "/api/primes/primes-9-99/results", null, null),
            (HttpMethod.Get, "/api/isprime/1000003", null, null),
            (HttpMethod.Get, "/api/isprime/12a", null, null),
            (HttpMethod.Post, "/api/isprime", new StringContent("1000003"), null),
            (HttpMethod.Post, "/api/isprime", new StringContent("-7"), null),
            (HttpMethod.Post, "/api/counts", JsonContent.Create(new { from = "0", to = "1000000" }), null),
            (HttpMethod.Post, "/api/counts", JsonContent.Create(new { from = "x", to = "5" }), null),
            (HttpMethod.Post, "/api/nth-prime", JsonContent.Create(new { n = "1000" }), null),
            (HttpMethod.Post, "/api/nth-prime", JsonContent.Create(new { n = "0" }), null),
            (HttpMethod.Get, "/api/dashboard", null, null),
            (HttpMethod.Get, "/api/openapi.json", null, null),
            (HttpMethod.Get, "/api/openapi.json?x=1", null, null),
            (HttpMethod.Delete, "/api/primes/primes-30000-40000", null, null),
            (HttpMethod.Delete, "/api/primes/primes-9-99", null, null),
        };

        var checkedOperations = new HashSet<string>();
        var failures = new List<string>();
        foreach (var (method, path, body, headers) in exchanges)
        {
            var request = new HttpRequestMessage(method, path) { Content = body };
            headers?.Invoke(request);
            using var response = await service.Http.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            var (template, operation) = OperationOf(method, path);
            checkedOperations.Add($"{method} {template}");
            foreach (var problem in Check(operation, response, text))
            {
                failures.Add($"{method} {path} → {(int)response.StatusCode}: {problem}");
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
        Assert.Equal(Operations(), checkedOperations.Order());
    }

    [Fact]
    public void The_schemas_refuse_a_body_with_a_field_renamed_or_of_another_type()
    {
        var page = new JsonObject { ["$ref"] = "#/components/schemas/ResultsPage" };
        var valid = """{"id":"primes-2-10","offset":0,"limit":2,"total":4,"primes":["2","3"],"next":null}""";

        Assert.True(Validate(page, valid));
        Assert.False(Validate(page, valid.Replace("\"next\"", "\"nextPage\"", StringComparison.Ordinal)));
        Assert.False(Validate(page, valid.Replace("\"total\":4", "\"total\":\"4\"", StringComparison.Ordinal)));
    }

    private static bool Validate(JsonNode schema, string body) =>
        SchemaFor(schema).Evaluate(System.Text.Json.JsonDocument.Parse(body).RootElement).IsValid;

    private static IEnumerable<string> Check(JsonObject operation, HttpResponseMessage response, string body)
    {
        var declared = operation["responses"]![((int)response.StatusCode).ToString()] ?? operation["responses"]!["default"];
        if (declared is null)
        {
            yield return "the status is not declared";
            yield break;
        }

        var shape = Resolve(declared).AsObject();
        foreach (var (name, _) in shape["headers"]?.AsObject() ?? [])
        {
            if (!response.Headers.NonValidated.Contains(name) && !response.Content.Headers.NonValidated.Contains(name))
            {
                yield return $"header {name} is declared but not sent";
            }
        }

        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (shape["content"] is not JsonObject content)
        {
            if (body.Length > 0)
            {
                yield return "a body is sent where none is declared";
            }

            yield break;
        }

        if (mediaType is null || content[mediaType] is not JsonObject media)
        {
            yield return $"media type {mediaType} is not declared ({string.Join(", ", content.Select(c => c.Key))})";
            yield break;
        }

        if (mediaType.EndsWith("json", StringComparison.Ordinal) && media["schema"] is { } schema)
        {
            var validation = SchemaFor(schema).Evaluate(System.Text.Json.JsonDocument.Parse(body).RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
            if (!validation.IsValid)
            {
                yield return "body does not validate: " + string.Join("; ", (validation.Details ?? []).Where(d => d.Errors is { Count: > 0 })
                    .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} {e.Key}: {e.Value}")).Take(5));
            }
        }
    }

    // A response schema on its own: the document's components as its $defs, so its references resolve.
    private static JsonSchema SchemaFor(JsonNode schema)
    {
        var standalone = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$defs"] = Document["components"]!["schemas"]!.DeepClone(),
            ["allOf"] = new JsonArray(schema.DeepClone()),
        };
        return JsonSchema.FromText(standalone.ToJsonString().Replace("#/components/schemas/", "#/$defs/", StringComparison.Ordinal));
    }

    private static JsonNode Resolve(JsonNode node) =>
        node["$ref"]?.GetValue<string>() is { } reference
            ? reference.TrimStart('#', '/').Split('/').Aggregate((JsonNode)Document, (n, name) => n[name]!)
            : node;

    private static (string Template, JsonObject Operation) OperationOf(HttpMethod method, string path)
    {
        var route = path.Split('?')[0];
        foreach (var (template, item) in Document["paths"]!.AsObject())
        {
            var pattern = "^" + Regex.Replace(Regex.Escape(template), @"\\\{[^}]+}", "[^/]+") + "$";
            if (Regex.IsMatch(route, pattern) && item![method.Method.ToLowerInvariant()] is JsonObject operation)
            {
                return (template, operation);
            }
        }

        throw new Xunit.Sdk.XunitException($"The document has no operation for {method} {route}.");
    }

    private static IEnumerable<string> Operations() =>
        Document["paths"]!.AsObject().SelectMany(p => p.Value!.AsObject()
            .Where(o => o.Key is "get" or "post" or "delete" or "put" or "patch")
            .Select(o => $"{o.Key.ToUpperInvariant()} {p.Key}")).Order();
}
