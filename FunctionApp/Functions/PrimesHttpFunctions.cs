using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using PrimeFunctions.Api;

namespace PrimeFunctions.Functions;

/// <summary>HTTP triggers: each hands the request to its handler in <c>Api/</c>.</summary>
public sealed class PrimesHttpFunctions(StartJobHandler start, ResultsHandler results)
{
    [Function("StartPrimes")]
    public Task<IResult> Start(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "primes")] HttpRequest request,
        [DurableClient] DurableTaskClient client) =>
        start.HandleAsync(request, client, request.HttpContext.RequestAborted);

    [Function("GetPrimesResults")]
    public Task<IResult> Results(
        [HttpTrigger(AuthorizationLevel.Function, "get", "head", Route = "primes/{id}/results")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        string id) =>
        results.HandleAsync(request, client, id, request.HttpContext.RequestAborted);
}
