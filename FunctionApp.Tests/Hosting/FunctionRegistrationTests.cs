using Microsoft.AspNetCore.Routing;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PrimeFunctions.LocalHost.Triggers;
using PrimeFunctions.Tests.Fixtures;

namespace PrimeFunctions.Tests.Hosting;

/// <summary>
/// The local host registers by hand (LocalHost/FunctionList.cs) exactly the functions the Functions host would load —
/// the ones <c>functions.metadata</c> lists — with the same names, triggers, routes, methods and schedules, and serves
/// no other API route. Read from what the running host registered: its endpoints, the Durable Task worker's registry
/// and its timers.
/// </summary>
[Collection(SharedService.Name)]
public sealed class FunctionRegistrationTests(ServiceFixture service)
{
    [Fact]
    public void The_local_host_registers_every_function_of_functions_metadata_and_no_other()
    {
        var services = service.App.Services;
        var durable = services.GetRequiredService<IOptionsMonitor<DurableTaskRegistry>>().Get(Options.DefaultName);
        var timers = services.GetServices<IHostedService>().OfType<TimerTriggers>().Single();
        var registered = ApiEndpoints()
            .Select(e => new FunctionsMetadata.Function(e.DisplayName!, "httpTrigger", e.RoutePattern.RawText!["/api/".Length..], Methods(e), null))
            .Concat(durable.GetOrchestrators().Select(o => new FunctionsMetadata.Function(o.Key.Name, "orchestrationTrigger", null, [], null)))
            .Concat(durable.GetActivities().Select(a => new FunctionsMetadata.Function(a.Key.Name, "activityTrigger", null, [], null)))
            .Concat(timers.Schedules.Select(t => new FunctionsMetadata.Function(t.Function.Name, "timerTrigger", null, [], t.Function.Schedule)));

        Assert.Equal(Lines(FunctionsMetadata.Read()), Lines(registered));
    }

    [Fact]
    public void The_local_host_serves_each_http_function_on_its_route_for_its_methods_and_no_other_api_route()
    {
        var mapped = ApiEndpoints().SelectMany(e => Methods(e).Select(method => $"{method} {e.RoutePattern.RawText}"));

        Assert.Equal(FunctionsMetadata.HttpOperations(), mapped.Order());
    }

    private IEnumerable<RouteEndpoint> ApiEndpoints() => ((IEndpointRouteBuilder)service.App).DataSources
        .SelectMany(source => source.Endpoints)
        .OfType<RouteEndpoint>()
        .Where(e => e.RoutePattern.RawText!.StartsWith("/api/", StringComparison.Ordinal));

    private static string[] Methods(RouteEndpoint endpoint) => endpoint.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.ToArray();

    private static IEnumerable<string> Lines(IEnumerable<FunctionsMetadata.Function> functions) => functions.Select(f => f.ToString()).Order();
}
