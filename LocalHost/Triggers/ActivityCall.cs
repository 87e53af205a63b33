namespace PrimeFunctions.LocalHost.Triggers;

/// <summary>An activity's call: the instance of the orchestration that called it; its cancellation is the host stopping.</summary>
public sealed class ActivityCall(IServiceProvider services, string instanceId, CancellationToken stopping) : FunctionCall(services, stopping)
{
    public string InstanceId => instanceId;
}
