using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using PrimeFunctions.Orchestration;

namespace PrimeFunctions.Functions;

/// <summary>The hourly retention sweep.</summary>
public sealed class RetentionFunction(RetentionSweep sweep)
{
    [Function("Retention")]
    public Task Run([TimerTrigger(RetentionSweep.Schedule)] TimerInfo timer, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        sweep.RunAsync(client, cancellationToken);
}
