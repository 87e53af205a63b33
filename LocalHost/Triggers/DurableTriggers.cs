using Microsoft.DurableTask;

namespace PrimeFunctions.LocalHost.Triggers;

/// <summary>
/// Registers FunctionApp's orchestrator and activity functions with the Durable Task worker under their function
/// names, as the Durable extension does under Azure Functions: the worker replays an orchestrator by calling its
/// function with the orchestration context and the input, and runs an activity by calling its function with the
/// input (of the trigger parameter's type) and, if it asks, the instance id.
/// </summary>
public static class DurableTriggers
{
    public static void AddDurableTriggers(this DurableTaskRegistry registry, FunctionIndex functions, IServiceProvider services)
    {
        foreach (var function in functions.Orchestrators)
        {
            registry.AddOrchestrator(function.Name, () => new Orchestrator(function, services));
        }

        foreach (var function in functions.Activities)
        {
            registry.AddActivity(function.Name, scope => new Activity(function, scope));
        }
    }

    private sealed class Orchestrator(FunctionMethod function, IServiceProvider services) : ITaskOrchestrator
    {
        public Type InputType => function.InputType ?? typeof(object);
        public Type OutputType => function.ResultType;

        public Task<object?> RunAsync(TaskOrchestrationContext context, object? input) =>
            function.InvokeAsync(new Invocation(services, context, CancellationToken.None) { Input = input });
    }

    private sealed class Activity(FunctionMethod function, IServiceProvider services) : ITaskActivity
    {
        public Type InputType => function.Trigger.ParameterType;
        public Type OutputType => function.ResultType;

        public Task<object?> RunAsync(TaskActivityContext context, object? input) =>
            function.InvokeAsync(new Invocation(services, input, Stopping(services)) { Value = _ => context.InstanceId });
    }

    // An activity's cancellation is the host stopping, as under the Functions host.
    private static CancellationToken Stopping(IServiceProvider services) =>
        services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
}
