using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using PrimeFunctions.Api;

namespace PrimeFunctions.Functions;

/// <summary>HTTP triggers for is-prime: each hands the request to <see cref="IsPrimeHandler"/>.</summary>
public sealed class IsPrimeHttpFunctions(IsPrimeHandler handler)
{
    [Function("IsPrime")]
    public Task<IResult> IsPrime(
        [HttpTrigger(AuthorizationLevel.Function, "get", "head", Route = "isprime/{n}")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        string n) =>
        handler.HandleGetAsync(request, client, n, request.HttpContext.RequestAborted);

    [Function("IsPrimeOfBody")]
    public Task<IResult> IsPrimeOfBody(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "isprime")] HttpRequest request,
        [DurableClient] DurableTaskClient client) =>
        handler.HandlePostAsync(request, client, request.HttpContext.RequestAborted);
}
