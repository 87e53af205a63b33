namespace PrimeFunctions.Api;

/// <summary>
/// Tells in-process caches of durable instances that one was removed or replaced — a job deleted, or its range
/// started afresh — so that none of them answers for the old instance afterwards.
/// </summary>
public sealed class InstanceChanges
{
    public event Action<string>? Changed;

    public void Notify(string instanceId) => Changed?.Invoke(instanceId);
}
