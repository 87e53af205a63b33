using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using PrimeFunctions.LocalHost;
using PrimeFunctions.LocalHost.Triggers;

namespace PrimeFunctions.Tests.Hosting;

/// <summary>A function the local host cannot run as written stops it at start-up, with a message naming the function and what to change.</summary>
public sealed class UnsupportedFunctionTests
{
    [Fact]
    public void A_parameter_the_local_host_cannot_bind_is_named_at_start_up()
    {
        var problem = Assert.Throws<StartupProblem>(() => FunctionIndex.Load([typeof(UnboundParameter)]));

        Assert.Contains("Function Unbound", problem.Message);
        Assert.Contains("'context'", problem.Message);
    }

    [Fact]
    public void An_http_function_that_returns_no_IResult_is_named_at_start_up()
    {
        var problem = Assert.Throws<StartupProblem>(() => FunctionIndex.Load([typeof(TextResult)]));

        Assert.Contains("Function Text", problem.Message);
        Assert.Contains("IResult", problem.Message);
    }

    [Fact]
    public void A_timer_schedule_that_is_not_ncrontab_with_seconds_is_named_at_start_up()
    {
        var problem = Assert.Throws<StartupProblem>(() => TimerTriggers.Of(FunctionIndex.Load([typeof(FiveFieldTimer)])));

        Assert.Contains("Function Hourly", problem.Message);
        Assert.Contains("'17 * * * *'", problem.Message);
    }

    private sealed class UnboundParameter
    {
        [Function("Unbound")]
        public static IResult Run([HttpTrigger(AuthorizationLevel.Function, "get", Route = "unbound")] HttpRequest request, FunctionContext context) =>
            Results.Ok();
    }

    private sealed class TextResult
    {
        [Function("Text")]
        public static string Run([HttpTrigger(AuthorizationLevel.Function, "get", Route = "text")] HttpRequest request) => "text";
    }

    private sealed class FiveFieldTimer
    {
        [Function("Hourly")]
        public static void Run([TimerTrigger("17 * * * *")] TimerInfo timer)
        {
        }
    }
}
