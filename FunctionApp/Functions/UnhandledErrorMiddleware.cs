using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.Logging;

namespace PrimeFunctions.Functions;

/// <summary>
/// An HTTP function that fails unexpectedly answers 500 with a problem body carrying a correlation id — the
/// invocation id, which is also in the logged error — and never the exception itself.
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
            logger.LogError(exception, "Function {Function} failed; correlation id {CorrelationId}", context.FunctionDefinition.Name, context.InvocationId);
            await Results.Problem(
                detail: "An unexpected error occurred. Quote the correlation id when reporting it.",
                statusCode: StatusCodes.Status500InternalServerError,
                extensions: new Dictionary<string, object?> { ["correlationId"] = context.InvocationId })
                .ExecuteAsync(http);
        }
    }
}
