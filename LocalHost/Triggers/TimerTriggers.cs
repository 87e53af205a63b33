using Cronos;
using Microsoft.Azure.Functions.Worker;

namespace PrimeFunctions.LocalHost.Triggers;

/// <summary>
/// Runs each timer function of FunctionApp once when the host starts — a local host rarely runs long enough to reach
/// an hourly schedule — and then on its schedule, an NCRONTAB expression with seconds as under Azure Functions (in
/// UTC). A run that fails is logged and the function runs again at its next time; it never stops the host.
/// </summary>
public sealed class TimerTriggers(IReadOnlyList<TimerTriggers.Schedule> schedules, IServiceProvider services, ILogger<TimerTriggers> logger)
    : BackgroundService
{
    /// <summary>A timer function and when it runs.</summary>
    public sealed record Schedule(TimerFunction Function, CronExpression Times);

    /// <summary>The timer functions this host runs, each with its schedule.</summary>
    public IReadOnlyList<Schedule> Schedules => schedules;

    /// <summary>The schedule of each timer function; one that does not parse stops the host at start-up, naming it.</summary>
    public static IReadOnlyList<Schedule> Of(IEnumerable<TimerFunction> functions) => functions.Select(function =>
    {
        try
        {
            return new Schedule(function, CronExpression.Parse(function.Schedule, CronFormat.IncludeSeconds));
        }
        catch (CronFormatException e)
        {
            throw new StartupProblem(
                $"Function {function.Name}: LocalHost reads timer schedules as 6-field NCRONTAB expressions; '{function.Schedule}' is not one ({e.Message}).");
        }
    }).ToList();

    private static readonly TimeSpan LongestWait = TimeSpan.FromDays(1);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(schedules.Select(schedule => RunOnScheduleAsync(schedule, stoppingToken)));

    private async Task RunOnScheduleAsync(Schedule schedule, CancellationToken stoppingToken)
    {
        var last = DateTime.MinValue;
        for (DateTime? due = DateTime.UtcNow; due is { } time && !stoppingToken.IsCancellationRequested;)
        {
            // Task.Delay takes at most about 49 days; a yearly schedule waits in steps. The host stopping ends the wait.
            if (time - DateTime.UtcNow is var wait && wait > TimeSpan.Zero)
            {
                await Task.Delay(wait < LongestWait ? wait : LongestWait, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                continue;
            }

            var now = DateTime.UtcNow;
            due = schedule.Times.GetNextOccurrence(now, TimeZoneInfo.Utc);
            try
            {
                await using var scope = services.CreateAsyncScope();
                scope.ServiceProvider.GetRequiredService<FunctionInvocations>().Record(schedule.Function.Name);
                var timer = new TimerInfo { ScheduleStatus = new ScheduleStatus { Last = last, Next = due ?? DateTime.MaxValue, LastUpdated = now } };
                await schedule.Function.Run(new TimerCall(scope.ServiceProvider, timer, stoppingToken));
            }
            catch (Exception) when (stoppingToken.IsCancellationRequested)
            {
                // The host is stopping: the run was cut short, it did not fail.
                return;
            }
            catch (Exception e)
            {
                logger.LogError(e, "Timer function {Function} failed; it runs again at {Next:o}.", schedule.Function.Name, due);
            }

            last = now;
        }
    }
}
