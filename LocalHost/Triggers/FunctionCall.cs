using Microsoft.DurableTask.Client;

namespace PrimeFunctions.LocalHost.Triggers;

/// <summary>
/// What one call of a FunctionApp function binds its parameters from, as the Functions host binds them: the
/// function's class (created through dependency injection, as the Functions worker creates it), the durable client
/// and the call's cancellation; each trigger's own values are on <see cref="HttpCall"/>, <see cref="ActivityCall"/>
/// and <see cref="TimerCall"/>.
/// </summary>
public abstract class FunctionCall(IServiceProvider services, CancellationToken cancellation)
{
    public T Of<T>() where T : class => ActivatorUtilities.CreateInstance<T>(services);

    public DurableTaskClient Client => services.GetRequiredService<DurableTaskClient>();

    public CancellationToken Cancellation => cancellation;
}
