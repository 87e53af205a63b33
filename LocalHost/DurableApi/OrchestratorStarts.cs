using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using PrimeFunctions.Api;
using PrimeFunctions.Orchestration;

namespace PrimeFunctions.LocalHost.DurableApi;

/// <summary>
/// Starting an orchestrator by name (<c>POST orchestrators/{functionName}[/{instanceId}]</c>) and restarting an
/// instance (<c>POST instances/{id}/restart</c>), as the extension's handler does: an orchestrator this app does not
/// have is a 400, the body is the input as JSON, an existing instance id is started afresh, a restart takes a new
/// id unless <c>restartWithNewInstanceId=false</c>, and the answer is the check-status response — or, with both
/// <c>timeout</c> and <c>pollingInterval</c>, the output once the instance finishes within the timeout.
/// </summary>
public static class OrchestratorStarts
{
    private const int CheckStatusRetryAfterSeconds = 10;

    public static async Task<IResult> StartAsync(
        HttpRequest request, DurableTaskClient client, [FromServices] IOptionsMonitor<DurableTaskRegistry> registries, HostJson host,
        InstanceChanges changes, string functionName, string? id, CancellationToken ct)
    {
        var query = new DurableQuery(request);
        var timeout = query.Seconds("timeout");
        query.Seconds("pollingInterval");
        // The orchestrators the worker runs, as registered (FunctionList).
        var orchestrators = registries.Get(Options.DefaultName).GetOrchestrators().Select(o => o.Key.Name).ToList();
        var orchestrator = orchestrators.FirstOrDefault(name => string.Equals(name, functionName, StringComparison.OrdinalIgnoreCase));
        if (orchestrator is null)
        {
            query.Refuse("functionName", $"The function '{functionName}' doesn't exist, is disabled, or is not an orchestrator function. " +
                $"Orchestrators of this app: {string.Join(", ", orchestrators)}.");
        }

        JsonElement? input = null;
        if (request.ContentLength != 0)
        {
            try
            {
                var text = await new StreamReader(request.Body).ReadToEndAsync(ct);
                input = text.Length == 0 ? null : JsonDocument.Parse(text).RootElement.Clone();
            }
            catch (JsonException e)
            {
                query.Refuse("body", JsonRules.NotValid(e, "the orchestrator's input as JSON"));
            }
        }

        if (query.Problem is { } problem)
        {
            return problem;
        }

        var started = await ScheduleAsync(client, changes, orchestrator!, input, id, ct);
        return await AnswerAsync(request, client, host, started, timeout, ct);
    }

    public static async Task<IResult> RestartAsync(
        HttpRequest request, DurableTaskClient client, HostJson host, InstanceChanges changes, string id, CancellationToken ct)
    {
        var query = new DurableQuery(request);
        var newId = query.Flag("restartWithNewInstanceId", absent: true);
        var timeout = query.Seconds("timeout");
        query.Seconds("pollingInterval");
        if (query.Problem is { } problem)
        {
            return problem;
        }

        var instance = await client.GetInstanceAsync(id, getInputsAndOutputs: true, ct);
        if (instance is null)
        {
            return Problems.Invalid("instanceId", $"InstanceId does not match a valid orchestration instance: there is no instance '{id}'.");
        }

        JsonElement? input = string.IsNullOrEmpty(instance.SerializedInput) ? null : JsonDocument.Parse(instance.SerializedInput).RootElement.Clone();
        var started = await ScheduleAsync(client, changes, instance.Name, input, newId ? null : id, ct);
        return await AnswerAsync(request, client, host, started, timeout, ct);
    }

    // No dedupe statuses: like the extension's default (OverridableExistingInstanceStates = AnyState), an existing
    // instance with this id is replaced.
    private static async Task<string> ScheduleAsync(
        DurableTaskClient client, InstanceChanges changes, string name, JsonElement? input, string? id, CancellationToken ct)
    {
        var instanceId = string.IsNullOrEmpty(id) ? Guid.NewGuid().ToString("N") : id;
        await client.ScheduleNewOrchestrationInstanceAsync(name, input, new StartOrchestrationOptions(instanceId), ct);
        changes.Notify(instanceId);
        return instanceId;
    }

    private static async Task<IResult> AnswerAsync(
        HttpRequest request, DurableTaskClient client, HostJson host, string instanceId, TimeSpan? timeout, CancellationToken ct)
    {
        var payload = CheckStatusPayload.For(request, host.HubName, instanceId);
        if (timeout is { } wait && request.Query.ContainsKey("pollingInterval"))
        {
            if (await client.WaitForCompletionWithinAsync(instanceId, wait, getInputsAndOutputs: true, ct) is { } done)
            {
                return done.RuntimeStatus == OrchestrationRuntimeStatus.Completed
                    ? Results.Ok(InstanceStatusPayload.Lenient(done.SerializedOutput))
                    : Results.Ok(InstanceStatusPayload.Of(done, showInput: true));
            }
        }

        RetryAfter.Set(request.HttpContext.Response, CheckStatusRetryAfterSeconds);
        return Results.Accepted(payload.StatusQueryGetUri, payload);
    }
}
