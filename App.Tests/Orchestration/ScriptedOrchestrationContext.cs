using System.Text.Json;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace PrimeFunctions.App.Tests.Orchestration;

/// <summary>
/// One execution of an orchestrator, in memory and on a clock of its own: each activity answers from a handler the
/// test scripts, at once or after the time the script says it takes; timers fire at their time; several of either can
/// be pending together, and <see cref="RunAsync{T}"/> lets them fall due in time order, moving the clock to each as a
/// durable replay would. What the orchestrator did — activities called and when, custom statuses set, timers, the
/// input it continued as new with — is recorded. Inputs, outputs and statuses pass through JSON with
/// <see cref="DurableJson.Options"/>, as they do through durable history, so a value that would not survive the trip
/// fails here too.
/// </summary>
internal sealed class ScriptedOrchestrationContext(string instanceId, ActivityScript activities, DateTime? startAt = null) : TaskOrchestrationContext
{
    public static readonly DateTime Start = new(2026, 11, 25, 12, 0, 0, DateTimeKind.Utc);

    // What is still to come: activities that take time and timers not yet fired or cancelled, in the order made.
    private readonly List<(DateTime At, Action Fire)> due = [];
    private DateTime now = startAt ?? Start;
    private string? continuedWith;

    public override TaskName Name => new("scripted");
    public override string InstanceId => instanceId;
    public override ParentOrchestrationInstance? Parent => null;
    public override DateTime CurrentUtcDateTime => now;
    public override bool IsReplaying => false;
    protected override ILoggerFactory LoggerFactory => NullLoggerFactory.Instance;

    /// <summary>Every activity call, in the order the orchestrator made them: name, input as JSON, and the time of the call.</summary>
    public List<(string Name, string Input, DateTime At)> Calls { get; } = [];

    /// <summary>Every custom status the orchestrator set, in order, as JSON.</summary>
    public List<string> Statuses { get; } = [];

    /// <summary>The time each timer was set for, in order.</summary>
    public List<DateTime> Timers { get; } = [];

    /// <summary>The inputs of the calls to one activity.</summary>
    public IEnumerable<T> InputsOf<T>(string activity) =>
        Calls.Where(c => c.Name == activity).Select(c => JsonSerializer.Deserialize<T>(c.Input, DurableJson.Options)!);

    /// <summary>The times of the calls to one activity.</summary>
    public IEnumerable<DateTime> TimesOf(string activity) => Calls.Where(c => c.Name == activity).Select(c => c.At);

    public IEnumerable<T> StatusesAs<T>() => Statuses.Select(s => JsonSerializer.Deserialize<T>(s, DurableJson.Options)!);

    /// <summary>The input of the next execution, or null when this one did not continue as new.</summary>
    public T? ContinuedAsNewWith<T>() where T : class =>
        continuedWith is null ? null : JsonSerializer.Deserialize<T>(continuedWith, DurableJson.Options);

    /// <summary>
    /// Runs an execution to its end, letting what it waits for fall due one at a time, earliest first (the first made
    /// among equals). It runs with no synchronization context, so each await resumes the moment its task completes.
    /// </summary>
    public Task<T> RunAsync<T>(Func<TaskOrchestrationContext, Task<T>> execution) => Task.Run(() =>
    {
        var running = execution(this);
        while (!running.IsCompleted && due.Count > 0)
        {
            var next = due.MinBy(d => d.At);
            due.Remove(next);
            now = next.At;
            next.Fire();
        }

        return running.IsCompleted ? running : throw new Xunit.Sdk.XunitException("The orchestration waits for something that never comes.");
    });

    public override Task<TResult> CallActivityAsync<TResult>(TaskName name, object? input = null, TaskOptions? options = null)
    {
        var json = JsonSerializer.Serialize(input, DurableJson.Options);
        Calls.Add((name.Name, json, now));
        string output;
        TimeSpan takes;
        try
        {
            (output, takes) = activities.Run(name.Name, json);
        }
        catch (Exception e)
        {
            // As the durable runtime reports it: the activity's failure, wrapped in a TaskFailedException.
            return Task.FromException<TResult>(new TaskFailedException(name.Name, Calls.Count, e));
        }

        var result = JsonSerializer.Deserialize<TResult>(output, DurableJson.Options)!;
        if (takes <= TimeSpan.Zero)
        {
            return Task.FromResult(result);
        }

        var answer = new TaskCompletionSource<TResult>();
        due.Add((now + takes, () => answer.SetResult(result)));
        return answer.Task;
    }

    public override Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken)
    {
        Timers.Add(fireAt);
        var timer = new TaskCompletionSource();
        var entry = (fireAt, (Action)timer.SetResult);
        due.Add(entry);
        cancellationToken.Register(() =>
        {
            due.Remove(entry);
            timer.TrySetCanceled(cancellationToken);
        });
        return timer.Task;
    }

    public override void SetCustomStatus(object? customStatus) => Statuses.Add(JsonSerializer.Serialize(customStatus, DurableJson.Options));

    public override void ContinueAsNew(object? newInput = null, bool preserveUnprocessedEvents = true) =>
        continuedWith = JsonSerializer.Serialize(newInput, DurableJson.Options);

    public override T? GetInput<T>() where T : default => throw new NotSupportedException("The orchestrators here take their input as an argument.");

    public override Task<TResult> CallSubOrchestratorAsync<TResult>(TaskName orchestratorName, object? input = null, TaskOptions? options = null) =>
        throw new NotSupportedException("No orchestrator here starts sub-orchestrations.");

    /// <summary>No event ever arrives here: the wait ends only when it is cancelled.</summary>
    public override Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default)
    {
        var wait = new TaskCompletionSource<T>();
        cancellationToken.Register(() => wait.TrySetCanceled(cancellationToken));
        return wait.Task;
    }

    public override void SendEvent(string instanceId, string eventName, object payload) =>
        throw new NotSupportedException("No orchestrator here sends events.");

    public override Guid NewGuid() => throw new NotSupportedException("No orchestrator here makes ids.");
}

/// <summary>
/// How each activity answers in a scripted execution, and how long it takes to (at once unless said); an activity the
/// script does not name fails the test.
/// </summary>
internal sealed class ActivityScript
{
    private readonly Dictionary<string, Func<string, (string Output, TimeSpan Takes)>> handlers = [];

    public ActivityScript On<TIn, TOut>(string activity, Func<TIn, TOut> answer, Func<TIn, TimeSpan>? takes = null)
    {
        handlers[activity] = json =>
        {
            var input = JsonSerializer.Deserialize<TIn>(json, DurableJson.Options)!;
            return (JsonSerializer.Serialize(answer(input), DurableJson.Options), takes?.Invoke(input) ?? TimeSpan.Zero);
        };
        return this;
    }

    public (string Output, TimeSpan Takes) Run(string activity, string input) =>
        handlers.TryGetValue(activity, out var handler)
            ? handler(input)
            : throw new Xunit.Sdk.XunitException($"The orchestrator called {activity}, which this test does not expect.");
}
