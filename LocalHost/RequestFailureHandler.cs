using Microsoft.AspNetCore.Diagnostics;
using PrimeFunctions.Api;

namespace PrimeFunctions.LocalHost;

/// <summary>
/// The local host's answer to a request that ended in an exception: as <see cref="RequestFailure"/> decides, the same
/// as under Azure Functions, with the request's trace identifier as the correlation id.
/// </summary>
internal sealed class RequestFailureHandler(ILogger<RequestFailureHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var failure = RequestFailure.Of(exception, httpContext.RequestAborted);
        var correlationId = httpContext.TraceIdentifier;
        failure.Log(logger, $"{httpContext.Request.Method} {httpContext.Request.Path}", correlationId, exception);
        await failure.ToResult(correlationId).ExecuteAsync(httpContext);
        return true;
    }
}
