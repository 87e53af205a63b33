namespace PrimeFunctions.LocalHost.Triggers;

/// <summary>
/// What one call of a function offers its parameters: the services of the call, the trigger's value (the request,
/// the orchestration context, the activity's input, the timer), cancellation, an orchestrator's input, and strings
/// by name (route values, an activity's instance id).
/// </summary>
public sealed record Invocation(IServiceProvider Services, object? Trigger, CancellationToken Cancellation)
{
    public object? Input { get; init; }

    public Func<string, object?> Value { get; init; } = _ => null;
}
