using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using PrimeFunctions.LocalHost;
using PrimeFunctions.LocalHost.Triggers;

namespace PrimeFunctions.Tests.Hosting;

/// <summary>How the local host runs a timer function: at start-up, then on its schedule, through failures, until the host stops.</summary>
public sealed class TimerTriggersTests
{
    [Fact]
    public async Task A_failing_timer_function_runs_at_start_up_and_again_on_its_schedule_and_stops_with_the_host()
    {
        using var services = new ServiceCollection().AddSingleton<FunctionInvocations>().BuildServiceProvider();
        var invocations = services.GetRequiredService<FunctionInvocations>();
        var everySecond = new TimerFunction("EverySecond", "* * * * * *", _ => throw new InvalidOperationException("fails every time"));
        var timers = new TimerTriggers(TimerTriggers.Of([everySecond]), services, NullLogger<TimerTriggers>.Instance);

        await timers.StartAsync(CancellationToken.None);
        for (var deadline = DateTime.UtcNow.AddSeconds(30); invocations.Count("EverySecond") < 3 && DateTime.UtcNow < deadline;)
        {
            await Task.Delay(50);
        }

        await timers.StopAsync(CancellationToken.None);

        Assert.InRange(invocations.Count("EverySecond"), 3, int.MaxValue);
        Assert.True(timers.ExecuteTask!.IsCompletedSuccessfully, $"The timers ended {timers.ExecuteTask.Status}.");
    }

    [Fact]
    public void A_timer_schedule_that_is_not_ncrontab_with_seconds_is_named_at_start_up()
    {
        var hourly = new TimerFunction("Hourly", "17 * * * *", _ => Task.CompletedTask);

        var problem = Assert.Throws<StartupProblem>(() => TimerTriggers.Of([hourly]));

        Assert.Contains("Function Hourly", problem.Message);
        Assert.Contains("'17 * * * *'", problem.Message);
    }
}
