using Microsoft.AspNetCore.Routing;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using PrimeFunctions.LocalHost.Triggers;
using PrimeFunctions.Tests.Fixtures;

namespace PrimeFunctions.Tests.Hosting;

/// <summary>
/// The local host loads exactly the functions the Functions host would load — the ones <c>functions.metadata</c>
/// lists — with the same entry points, triggers, routes, methods and schedules, and serves no other API route.
/// </summary>
[Collection(SharedService.Name)]
public sealed class FunctionIndexTests(ServiceFixture service)
{
    [Fact]
    public void The_local_host_loads_every_function_of_functions_metadata_and_no_other()
    {
        var loaded = service.App.Services.GetRequiredService<FunctionIndex>().Functions.Select(f => new FunctionsMetadata.Function(
            f.Name,
            $"{f.Method.DeclaringType!.FullName}.{f.Method.Name}",
            f.TriggerType,
            (f.TriggerAttribute as HttpTriggerAttribute)?.Route,
            (f.TriggerAttribute as HttpTriggerAttribute)?.Methods?.Select(m => m.ToUpperInvariant()).ToArray() ?? [],
            (f.TriggerAttribute as TimerTriggerAttribute)?.Schedule));

        Assert.Equal(Lines(FunctionsMetadata.Read()), Lines(loaded));
    }

    [Fact]
    public void The_local_host_serves_each_http_function_on_its_route_for_its_methods_and_no_other_api_route()
    {
        var mapped = ((IEndpointRouteBuilder)service.App).DataSources
            .SelectMany(source => source.Endpoints)
            .OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.StartsWith("/api/", StringComparison.Ordinal))
            .SelectMany(e => e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Select(method => $"{method} {e.RoutePattern.RawText}"));

        Assert.Equal(FunctionsMetadata.HttpOperations(), mapped.Order());
    }

    private static IEnumerable<string> Lines(IEnumerable<FunctionsMetadata.Function> functions) => functions.Select(f => f.ToString()).Order();
}
