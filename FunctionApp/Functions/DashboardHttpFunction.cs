using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using PrimeFunctions.Api;

namespace PrimeFunctions.Functions;

/// <summary>The HTTP trigger that serves the dashboard page through <see cref="DashboardHandler"/>.</summary>
public sealed class DashboardHttpFunction(DashboardHandler handler)
{
    [Function("Dashboard")]
    public IResult Page([HttpTrigger(AuthorizationLevel.Function, "get", "head", Route = "dashboard")] HttpRequest request) =>
        handler.Handle();
}
