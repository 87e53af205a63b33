namespace PrimeFunctions.LocalHost.Triggers;

/// <summary>An HTTP trigger's call: the request, its route values, and the request's cancellation.</summary>
public sealed class HttpCall(HttpContext context) : FunctionCall(context.RequestServices, context.RequestAborted)
{
    public HttpRequest Request => context.Request;

    /// <summary>A value of the function's route, such as <c>{id}</c>, which the Functions host binds to a string parameter of that name.</summary>
    public string Route(string name) => (string)context.GetRouteValue(name)!;
}
