using Microsoft.DurableTask.Client;
using PrimeFunctions.Orchestration;

namespace PrimeFunctions.LocalHost;

/// <summary>
/// The local host's stand-in for the Functions retention timer: the same sweep, once at start-up — a local host
/// rarely runs for an hour — and then once an hour.
/// </summary>
public sealed class RetentionService(RetentionSweep sweep, DurableTaskClient client, ILogger<RetentionService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(RetentionSweep.Interval);
        do
        {
            try
            {
                await sweep.RunAsync(client, stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // A failed sweep is retried at the next tick; it must not stop the host.
                logger.LogError(e, "Retention sweep failed.");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
