using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using PrimeFunctions.Api;

namespace PrimeFunctions.Functions;

/// <summary>
/// Answers the GET and HEAD functions' conditional requests (RFC 9110: entity tags, <c>If-None-Match</c> → 304,
/// <c>If-Match</c> → 412) by wrapping the result each returns in <see cref="ConditionalResult"/>, which the ASP.NET
/// Core integration then executes — as the local host does for the same handlers.
/// </summary>
public sealed class ConditionalRequestMiddleware : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        await next(context);
        if (context.GetHttpContext() is { } http && context.GetInvocationResult() is { Value: Microsoft.AspNetCore.Http.IResult result } invocation)
        {
            invocation.Value = ConditionalResult.For(http.Request, result);
        }
    }
}
