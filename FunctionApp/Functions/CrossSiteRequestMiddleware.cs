using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using PrimeFunctions.Api;

namespace PrimeFunctions.Functions;

/// <summary>Runs <see cref="CrossSiteRequestRule"/> before every HTTP function: a cross-site state change is answered here and never reaches it.</summary>
public sealed class CrossSiteRequestMiddleware(CrossSiteRequestRule rule) : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        if (context.GetHttpContext() is { } http && rule.Refuse(http.Request) is { } refusal)
        {
            await refusal.ExecuteAsync(http);
            return;
        }

        await next(context);
    }
}
