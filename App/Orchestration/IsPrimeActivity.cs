using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PrimeFunctions.Engine;

namespace PrimeFunctions.Orchestration;

/// <summary>
/// Tests one number, given as canonical decimal digits, for primality — for as long as its job still wants the
/// answer. An activity goes on running when its orchestration is terminated, and a host that restarts delivers it
/// again; so it first checks that its job is still running (and returns null at once if not), and while the test
/// runs it reads the job's status every <see cref="PrimesOptions.IsPrimeStatusPollSeconds"/> seconds, cancels the
/// test as soon as the job is terminated, failed or purged, and sends the test's progress to the job as an event.
/// </summary>
public sealed partial class IsPrimeActivity(IOptions<PrimesOptions> options, ILogger<IsPrimeActivity> logger)
{
    // Each event is a message and a history row of the job: a few a minute show progress without piling up history.
    private static readonly TimeSpan ProgressEvery = TimeSpan.FromSeconds(10);

    public async Task<IsPrimeVerdict?> RunAsync(string number, string instanceId, DurableTaskClient client, CancellationToken hostStopping)
    {
        if (!await IsWantedAsync(client, instanceId, hostStopping))
        {
            LogNotWanted(instanceId);
            return null;
        }

        var settings = options.Value;
        var progress = new PrimalityProgress();
        var engine = BailliePsw.Implementation(settings.IsPrimeUsesGmp);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(hostStopping);
        var test = Task.Factory.StartNew(
            () => IsPrimeVerdict.Of(number, settings.IsPrimeUsesGmp, stop.Token, progress),
            stop.Token, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        var poll = TimeSpan.FromSeconds(settings.IsPrimeStatusPollSeconds);
        var lastReport = TimeSpan.Zero;
        var running = System.Diagnostics.Stopwatch.StartNew();
        while (await Task.WhenAny(test, Task.Delay(poll, hostStopping)) != test)
        {
            if (!await IsWantedAsync(client, instanceId, hostStopping))
            {
                await stop.CancelAsync();
                await Task.WhenAny(test); // the test sees the cancellation within one step; its exception says nothing new
                LogStopped(instanceId, running.Elapsed.TotalSeconds);
                return null;
            }

            if (running.Elapsed - lastReport >= ProgressEvery)
            {
                lastReport = running.Elapsed;
                await client.RaiseEventAsync(instanceId, IsPrimeOrchestrator.ProgressEvent, Report(number.Length, engine, progress), hostStopping);
            }
        }

        return await test;
    }

    private static IsPrimeProgress Report(int digits, string engine, PrimalityProgress progress) => new("testing", digits)
    {
        Step = progress.Phase switch
        {
            PrimalityPhase.MillerRabin => "miller-rabin",
            PrimalityPhase.Lucas => "lucas",
            _ => "trial-division",
        },
        Done = progress.Done,
        Total = progress.Total,
        Engine = engine,
    };

    // A status read that fails (storage briefly away) is no reason to drop a test that may have run for an hour:
    // only an answer that the job is finished or gone stops it.
    private static async Task<bool> IsWantedAsync(DurableTaskClient client, string instanceId, CancellationToken cancellationToken)
    {
        try
        {
            return await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, cancellationToken) is { } instance && instance.RuntimeStatus.IsRunning();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return true;
        }
    }

    [LoggerMessage(LogLevel.Information, "Is-prime job {InstanceId} is no longer running: its test is not started.")]
    private partial void LogNotWanted(string instanceId);

    [LoggerMessage(LogLevel.Information, "Is-prime job {InstanceId} is no longer running: its test stopped after {Seconds:F1} s.")]
    private partial void LogStopped(string instanceId, double seconds);
}
