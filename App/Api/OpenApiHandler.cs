using Microsoft.AspNetCore.Http;

namespace PrimeFunctions.Api;

/// <summary>
/// <c>GET /api/openapi.json</c>: the OpenAPI 3 description of the public routes, written by hand in
/// <c>Api/openapi.json</c> and embedded in the assembly, so both hosts serve the one document that tests hold
/// against the routes each host really maps.
/// </summary>
public sealed class OpenApiHandler
{
    public const string ResourceName = "PrimeFunctions.openapi.json";

    private readonly Lazy<string> document = new(Read);

    public static string Read() => EmbeddedText.Read(ResourceName);

    public IResult Handle(HttpRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        QueryRules.Check(request, [], errors);
        return errors.Count > 0 ? Problems.Validation(errors) : Results.Text(document.Value, "application/json");
    }
}
