using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using PrimeFunctions.Api;

namespace PrimeFunctions.Functions;

/// <summary>The HTTP trigger that serves the OpenAPI document through <see cref="OpenApiHandler"/>.</summary>
public sealed class OpenApiHttpFunction(OpenApiHandler handler)
{
    [Function("OpenApi")]
    public IResult Document([HttpTrigger(AuthorizationLevel.Function, "get", "head", Route = "openapi.json")] HttpRequest request) =>
        handler.Handle(request);
}
