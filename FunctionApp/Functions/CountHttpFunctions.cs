using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using PrimeFunctions.Api;

namespace PrimeFunctions.Functions;

/// <summary>HTTP triggers for prime counts and n-th primes: each hands the request to its handler.</summary>
public sealed class CountHttpFunctions(CountJobHandler counts, NthPrimeHandler nthPrime)
{
    [Function("StartCount")]
    public Task<IResult> StartCount(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "counts")] HttpRequest request,
        [DurableClient] DurableTaskClient client) =>
        counts.HandleAsync(request, client, request.HttpContext.RequestAborted);

    [Function("StartNthPrime")]
    public Task<IResult> StartNthPrime(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "nth-prime")] HttpRequest request,
        [DurableClient] DurableTaskClient client) =>
        nthPrime.HandleAsync(request, client, request.HttpContext.RequestAborted);
}
