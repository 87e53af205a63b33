using PrimeFunctions.LocalHost;

namespace PrimeFunctions.Tests.Hosting;

/// <summary>
/// The one private member of DurableTask.AzureStorage the local host reaches (<see cref="SidecarOrchestrationService"/>
/// forgets a work item whose completion and abandonment both failed): it must still exist, with a shape the host can
/// clear, in the version the build restores — otherwise a storage outage would again strand activities silently.
/// </summary>
public sealed class SidecarOrchestrationServiceTests
{
    [Fact]
    public void The_provider_still_keeps_its_in_progress_activities_in_a_dictionary_the_host_can_clear()
    {
        var field = SidecarOrchestrationService.ActiveActivitySessions;

        Assert.NotNull(field);
        Assert.True(typeof(System.Collections.IDictionary).IsAssignableFrom(field.FieldType), $"{field.Name} is a {field.FieldType}, not a dictionary.");
    }
}

/// <summary>
/// A stop must end, and end quietly, whatever the provider does: its partition manager waits ten minutes for storage
/// that stopped answering and then throws on a thread-pool thread, which took a whole test run down with it.
/// </summary>
public sealed class SidecarStopTests
{
    [Theory]
    [InlineData(StopBehaviour.Hangs)]
    [InlineData(StopBehaviour.Throws)]
    public async Task A_stop_returns_within_its_wait_and_does_not_throw(StopBehaviour behaviour)
    {
        var inner = StoppingService.Create(behaviour);
        var service = new SidecarOrchestrationService(
            inner, TimeSpan.FromSeconds(1), Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, stopWait: TimeSpan.FromSeconds(1));
        await service.StartAsync();

        var stopping = service.StopAsync(isForced: false);
        var first = await Task.WhenAny(stopping, Task.Delay(TimeSpan.FromSeconds(20)));

        Assert.Same(stopping, first);
        await stopping;
    }

    [Fact]
    public async Task A_service_that_never_started_is_not_stopped()
    {
        var inner = StoppingService.Create(StopBehaviour.Throws);
        var service = new SidecarOrchestrationService(inner, TimeSpan.FromSeconds(1), Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);

        await service.StopAsync(isForced: true);

        Assert.Equal(0, ((StoppingService)(object)inner).StopCalls);
    }

    public enum StopBehaviour
    {
        Hangs,
        Throws,
    }

    public class StoppingService : System.Reflection.DispatchProxy
    {
        private StopBehaviour behaviour;

        public int StopCalls { get; private set; }

        public static DurableTask.Core.IOrchestrationService Create(StopBehaviour behaviour)
        {
            var proxy = Create<DurableTask.Core.IOrchestrationService, StoppingService>();
            ((StoppingService)(object)proxy).behaviour = behaviour;
            return proxy;
        }

        protected override object? Invoke(System.Reflection.MethodInfo? method, object?[]? args)
        {
            switch (method?.Name)
            {
                case "StartAsync":
                    return Task.CompletedTask;
                case "StopAsync":
                    StopCalls++;
                    return behaviour is StopBehaviour.Hangs
                        ? new TaskCompletionSource().Task
                        : Task.FromException(new TimeoutException("Timed-out waiting for the partition manager to shut down."));
                default:
                    throw new NotSupportedException(method?.Name);
            }
        }
    }
}

/// <summary>
/// The sidecar's fetch loop ends only when a fetch throws a cancellation, and the provider answers a cancelled fetch
/// with nothing: passed straight through, every stopped host spun a core per dispatcher until its worker disconnected
/// (measured: about 1.1 million empty fetches a second, for the 30 s a test host took to stop).
/// </summary>
public sealed class SidecarFetchTests
{
    private readonly SidecarOrchestrationService service = new(
        EmptyService.Create(), TimeSpan.FromSeconds(1), Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);

    [Fact]
    public async Task A_cancelled_activity_fetch_throws_instead_of_answering_nothing()
    {
        using var stopped = new CancellationTokenSource();
        await stopped.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => service.LockNextTaskActivityWorkItem(TimeSpan.FromSeconds(30), stopped.Token));
    }

    [Fact]
    public async Task A_cancelled_orchestration_fetch_throws_instead_of_answering_nothing()
    {
        using var stopped = new CancellationTokenSource();
        await stopped.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => service.LockNextTaskOrchestrationWorkItemAsync(TimeSpan.FromSeconds(30), stopped.Token));
    }

    [Fact]
    public async Task An_empty_answer_while_running_comes_after_a_pause_not_at_once()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var activity = await service.LockNextTaskActivityWorkItem(TimeSpan.FromSeconds(30), CancellationToken.None);
        var orchestration = await service.LockNextTaskOrchestrationWorkItemAsync(TimeSpan.FromSeconds(30), CancellationToken.None);

        Assert.Null(activity);
        Assert.Null(orchestration);
        Assert.True(clock.Elapsed >= 2 * SidecarOrchestrationService.EmptyFetchPause, $"Two empty fetches answered in {clock.Elapsed.TotalMilliseconds} ms.");
    }

    /// <summary>A provider with nothing to hand out, as the Azure Storage provider is once it or its caller is stopping.</summary>
    public class EmptyService : System.Reflection.DispatchProxy
    {
        public static DurableTask.Core.IOrchestrationService Create() => Create<DurableTask.Core.IOrchestrationService, EmptyService>();

        protected override object? Invoke(System.Reflection.MethodInfo? method, object?[]? args) => method?.Name switch
        {
            "LockNextTaskActivityWorkItem" => Task.FromResult<DurableTask.Core.TaskActivityWorkItem>(null!),
            "LockNextTaskOrchestrationWorkItemAsync" => Task.FromResult<DurableTask.Core.TaskOrchestrationWorkItem>(null!),
            _ => throw new NotSupportedException(method?.Name),
        };
    }
}
