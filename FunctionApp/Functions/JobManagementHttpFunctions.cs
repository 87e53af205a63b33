using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using PrimeFunctions.Api;

namespace PrimeFunctions.Functions;

/// <summary>HTTP triggers for listing, showing and deleting range jobs: each hands the request to its handler in <c>Api/</c>.</summary>
public sealed class JobManagementHttpFunctions(ListJobsHandler list, JobViewHandler view, DeleteJobHandler delete)
{
    [Function("ListPrimesJobs")]
    public Task<IResult> List(
        [HttpTrigger(AuthorizationLevel.Function, "get", "head", Route = "primes")] HttpRequest request,
        [DurableClient] DurableTaskClient client) =>
        list.HandleAsync(request, client, request.HttpContext.RequestAborted);

    [Function("GetPrimesJob")]
    public Task<IResult> View(
        [HttpTrigger(AuthorizationLevel.Function, "get", "head", Route = "primes/{id}")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        string id) =>
        view.HandleAsync(request, client, id, request.HttpContext.RequestAborted);

    [Function("DeletePrimesJob")]
    public Task<IResult> Delete(
        [HttpTrigger(AuthorizationLevel.Function, "delete", Route = "primes/{id}")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        string id) =>
        delete.HandleAsync(request, client, id, request.HttpContext.RequestAborted);
}
