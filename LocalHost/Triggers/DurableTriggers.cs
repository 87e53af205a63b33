using Microsoft.DurableTask;

namespace PrimeFunctions.LocalHost.Triggers;

/// <summary>
/// Registers orchestrator and activity functions with the Durable Task worker under their function names, as the
/// Durable extension does under Azure Functions: the worker replays an orchestrator by calling its function with the
/// orchestration context and the input, and runs an activity by calling its function with the input, in a
/// dependency-injection scope of its own, cancelled when the host stops.
/// </summary>
public sealed class DurableTriggers(DurableTaskRegistry registry, IServiceProvider services)
{
    private readonly FunctionInvocations invocations = services.GetRequiredService<FunctionInvocations>();

    public DurableTriggers Orchestrator<TInput, TOutput>(string function, Func<TaskOrchestrationContext, TInput, Task<TOutput>> run)
    {
        registry.AddOrchestratorFunc<TInput, TOutput>(function, (context, input) =>
        {
            invocations.Record(function);
            return run(context, input);
        });
        return this;
    }

    public DurableTriggers Activity<TInput, TOutput>(string function, Func<ActivityCall, TInput, Task<TOutput>> run)
    {
        registry.AddActivity(function, scope => new FunctionActivity<TInput, TOutput>(function, run, scope));
        return this;
    }

    /// <summary>An activity whose function completes with no value.</summary>
    public DurableTriggers Activity<TInput>(string function, Func<ActivityCall, TInput, Task> run) =>
        Activity<TInput, object?>(function, async (call, input) =>
        {
            await run(call, input);
            return null;
        });

    private sealed class FunctionActivity<TInput, TOutput>(string function, Func<ActivityCall, TInput, Task<TOutput>> run, IServiceProvider scope)
        : TaskActivity<TInput, TOutput>
    {
        public override Task<TOutput> RunAsync(TaskActivityContext context, TInput input)
        {
            scope.GetRequiredService<FunctionInvocations>().Record(function);
            // An activity's cancellation is the host stopping, as under the Functions host.
            var stopping = scope.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
            return run(new ActivityCall(scope, context.InstanceId, stopping), input);
        }
    }
}
