using PrimeFunctions.Api;

namespace PrimeFunctions.LocalHost.Triggers;

/// <summary>
/// Serves HTTP functions as the Functions host does: each on its route under the route prefix (<c>/api</c>) for the
/// methods its trigger declares, named for the function; the <see cref="IResult"/> it returns is executed — judged by
/// the request's preconditions on GET and HEAD (<see cref="ConditionalResult"/>), as FunctionApp's middleware does.
/// Function keys are not checked, as under <c>func start</c>.
/// </summary>
public sealed class HttpTriggers(IEndpointRouteBuilder app, string routePrefix)
{
    public HttpTriggers Map(string function, string route, string[] methods, Func<HttpCall, Task<IResult>> run)
    {
        var pattern = "/" + string.Join('/', new[] { routePrefix, route }.Where(part => part.Length > 0));
        app.MapMethods(pattern, methods, async context =>
        {
            context.RequestServices.GetRequiredService<FunctionInvocations>().Record(function);
            var result = await run(new HttpCall(context));
            await ConditionalResult.For(context.Request, result).ExecuteAsync(context);
        }).WithDisplayName(function);
        return this;
    }
}
