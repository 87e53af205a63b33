using Microsoft.AspNetCore.Http;

namespace PrimeFunctions.Api;

/// <summary>
/// <c>GET /api/openapi.json</c>: the OpenAPI 3.1 description of the public routes (<see cref="OpenApiDocument"/>:
/// routes written in <c>Api/openapi.json</c>, response schemas generated from the response types), so both hosts
/// serve the one document that tests hold against the routes each host maps and the bodies it sends.
/// </summary>
public sealed class OpenApiHandler
{
    public const string ResourceName = "PrimeFunctions.openapi.json";

    private readonly Lazy<string> document = new(Read);

    /// <summary>The document as served.</summary>
    public static string Read() => OpenApiDocument.Build();

    public IResult Handle(HttpRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        QueryRules.Check(request, [], errors);
        return errors.Count > 0 ? Problems.Validation(errors) : Results.Text(document.Value, "application/json");
    }
}
