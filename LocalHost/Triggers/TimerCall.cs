using Microsoft.Azure.Functions.Worker;

namespace PrimeFunctions.LocalHost.Triggers;

/// <summary>A timer trigger's call: its schedule's status; its cancellation is the host stopping.</summary>
public sealed class TimerCall(IServiceProvider services, TimerInfo timer, CancellationToken stopping) : FunctionCall(services, stopping)
{
    public TimerInfo Timer => timer;
}
