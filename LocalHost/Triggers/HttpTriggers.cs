using Microsoft.Azure.Functions.Worker;
using PrimeFunctions.Api;

namespace PrimeFunctions.LocalHost.Triggers;

/// <summary>
/// Serves each HTTP trigger of FunctionApp on its route under the route prefix (<c>/api</c>) and for its methods, as
/// the Functions host does: the request, the durable client, route values and the request's cancellation are bound,
/// and the <see cref="IResult"/> it returns is executed — judged by the request's preconditions on GET and HEAD
/// (<see cref="ConditionalResult"/>), as FunctionApp's middleware does. Function keys are not checked, as under <c>func start</c>.
/// </summary>
public static class HttpTriggers
{
    public static void MapHttpTriggers(this IEndpointRouteBuilder app, FunctionIndex functions, string routePrefix)
    {
        foreach (var function in functions.Http)
        {
            var trigger = (HttpTriggerAttribute)function.TriggerAttribute;
            var pattern = "/" + string.Join('/', new[] { routePrefix, trigger.Route ?? function.Name }.Where(part => part.Length > 0));
            RequestDelegate handle = async context =>
            {
                var invocation = new Invocation(context.RequestServices, context.Request, context.RequestAborted) { Value = name => context.GetRouteValue(name) };
                var result = (IResult)(await function.InvokeAsync(invocation))!;
                await ConditionalResult.For(context.Request, result).ExecuteAsync(context);
            };
            var endpoint = trigger.Methods is { Length: > 0 } methods
                ? app.MapMethods(pattern, methods.Select(m => m.ToUpperInvariant()), handle)
                : app.Map(pattern, handle);
            endpoint.WithDisplayName(function.Name);
        }
    }
}
