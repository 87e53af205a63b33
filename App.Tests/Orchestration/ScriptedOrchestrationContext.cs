using System.Text.Json;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace PrimeFunctions.App.Tests.Orchestration;

/// <summary>
/// One execution of an orchestrator, in memory: each activity answers from a handler the test scripts, timers fire at
/// once (moving the clock to their time), and what the orchestrator did — activities called, custom statuses set, the
/// input it continued as new with — is recorded. Inputs, outputs and statuses pass through JSON with
/// <see cref="DurableJson.Options"/>, as they do through durable history, so a value that would not survive the trip
/// fails here too.
/// </summary>
internal sealed class ScriptedOrchestrationContext(string instanceId, ActivityScript activities) : TaskOrchestrationContext
{
    public static readonly DateTime Start = new(2026, 11, 25, 12, 0, 0, DateTimeKind.Utc);

    private DateTime now = Start;
    private string? continuedWith;

    public override TaskName Name => new("scripted");
    public override string InstanceId => instanceId;
    public override ParentOrchestrationInstance? Parent => null;
    public override DateTime CurrentUtcDateTime => now;
    public override bool IsReplaying => false;
    protected override ILoggerFactory LoggerFactory => NullLoggerFactory.Instance;

    /// <summary>Every activity call, in the order the orchestrator made them: name and input as JSON.</summary>
    public List<(string Name, string Input)> Calls { get; } = [];

    /// <summary>Every custom status the orchestrator set, in order, as JSON.</summary>
    public List<string> Statuses { get; } = [];

    /// <summary>The time each timer was set for, in order.</summary>
    public List<DateTime> Timers { get; } = [];

    /// <summary>The inputs of the calls to one activity.</summary>
    public IEnumerable<T> InputsOf<T>(string activity) =>
        Calls.Where(c => c.Name == activity).Select(c => JsonSerializer.Deserialize<T>(c.Input, DurableJson.Options)!);

    public IEnumerable<T> StatusesAs<T>() => Statuses.Select(s => JsonSerializer.Deserialize<T>(s, DurableJson.Options)!);

    /// <summary>The input of the next execution, or null when this one did not continue as new.</summary>
    public T? ContinuedAsNewWith<T>() where T : class =>
        continuedWith is null ? null : JsonSerializer.Deserialize<T>(continuedWith, DurableJson.Options);

    public override async Task<TResult> CallActivityAsync<TResult>(TaskName name, object? input = null, TaskOptions? options = null)
    {
        var json = JsonSerializer.Serialize(input, DurableJson.Options);
        Calls.Add((name.Name, json));
        var output = await activities.RunAsync(name.Name, json);
        return JsonSerializer.Deserialize<TResult>(output, DurableJson.Options)!;
    }

    public override Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken)
    {
        Timers.Add(fireAt);
        now = fireAt;
        return Task.CompletedTask;
    }

    public override void SetCustomStatus(object? customStatus) => Statuses.Add(JsonSerializer.Serialize(customStatus, DurableJson.Options));

    public override void ContinueAsNew(object? newInput = null, bool preserveUnprocessedEvents = true) =>
        continuedWith = JsonSerializer.Serialize(newInput, DurableJson.Options);

    public override T? GetInput<T>() where T : default => throw new NotSupportedException("The orchestrators here take their input as an argument.");

    public override Task<TResult> CallSubOrchestratorAsync<TResult>(TaskName orchestratorName, object? input = null, TaskOptions? options = null) =>
        throw new NotSupportedException("No orchestrator here starts sub-orchestrations.");

    public override Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("No orchestrator here waits for events.");

    public override void SendEvent(string instanceId, string eventName, object payload) =>
        throw new NotSupportedException("No orchestrator here sends events.");

    public override Guid NewGuid() => throw new NotSupportedException("No orchestrator here makes ids.");
}

/// <summary>How each activity answers in a scripted execution; an activity the script does not name fails the test.</summary>
internal sealed class ActivityScript
{
    private readonly Dictionary<string, Func<string, Task<string>>> handlers = [];

    public ActivityScript On<TIn, TOut>(string activity, Func<TIn, TOut> answer) =>
        On<TIn, TOut>(activity, input => Task.FromResult(answer(input)));

    public ActivityScript On<TIn, TOut>(string activity, Func<TIn, Task<TOut>> answer)
    {
        handlers[activity] = async json =>
            JsonSerializer.Serialize(await answer(JsonSerializer.Deserialize<TIn>(json, DurableJson.Options)!), DurableJson.Options);
        return this;
    }

    public Task<string> RunAsync(string activity, string input) =>
        handlers.TryGetValue(activity, out var handler)
            ? handler(input)
            : throw new Xunit.Sdk.XunitException($"The orchestrator called {activity}, which this test does not expect.");
}
