using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.Logging;
using PrimeFunctions.Api;

namespace PrimeFunctions.Functions;

/// <summary>
/// An HTTP function that ends in an exception answers as <see cref="RequestFailure"/> decides — 4xx for a client's
/// transport mistake, 503 when storage is unreachable, 500 for our own bug — with the invocation id as the
/// correlation id, which is also in the log line, and never the exception itself.
/// </summary>
public sealed class UnhandledErrorMiddleware(ILogger<UnhandledErrorMiddleware> logger) : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        try
        {
            await next(context);
        }
        catch (Exception exception) when (context.GetHttpContext() is { Response.HasStarted: false } http)
        {
            var failure = RequestFailure.Of(exception, http.RequestAborted);
            failure.Log(logger, $"Function {context.FunctionDefinition.Name}", context.InvocationId, exception);
            await failure.ToResult(context.InvocationId).ExecuteAsync(http);
        }
    }
}
