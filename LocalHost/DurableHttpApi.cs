using System.Text.Json;
using DurableTask.AzureStorage;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using PrimeFunctions.Api;
using PrimeFunctions.LocalHost.DurableApi;
using PrimeFunctions.Orchestration;

namespace PrimeFunctions.LocalHost;

/// <summary>
/// The Durable Functions built-in HTTP API (<c>/runtime/webhooks/durabletask</c>) served from
/// <see cref="DurableTaskClient"/> calls and, where that client has no call, from the Azure Storage provider itself,
/// with the routes, status codes, headers and field names of the extension's <c>HttpApiHandler</c>: status (with
/// history), list, purge, terminate, suspend, resume, rewind, restart, raise event, start an orchestrator
/// (<see cref="OrchestratorStarts"/>) and the entity routes (<see cref="EntityRoutes"/>). Where the extension
/// ignores a query value it cannot read, this answers 400 naming the parameter.
/// </summary>
public static class DurableHttpApi
{
    public const string BasePath = "/runtime/webhooks/durabletask";
    private const string Instances = BasePath + "/instances";
    private const string ContinuationHeader = "x-ms-continuation-token";

    public static void MapDurableHttpApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(BasePath).AddEndpointFilter(RefuseOtherTaskHubs);
        api.MapGet("/instances/{id}", GetStatusAsync);
        api.MapGet("/instances", ListAsync);
        api.MapPost("/instances/{id}/terminate", (DurableTaskClient client, string id, string? reason, CancellationToken ct) =>
            ChangeAsync(client, id, ct, (c, i, t) => c.TerminateInstanceAsync(i, reason, t)));
        api.MapPost("/instances/{id}/suspend", (DurableTaskClient client, string id, string? reason, CancellationToken ct) =>
            ChangeAsync(client, id, ct, (c, i, t) => c.SuspendInstanceAsync(i, reason, t)));
        api.MapPost("/instances/{id}/resume", (DurableTaskClient client, string id, string? reason, CancellationToken ct) =>
            ChangeAsync(client, id, ct, (c, i, t) => c.ResumeInstanceAsync(i, reason, t)));
        api.MapPost("/instances/{id}/rewind", RewindAsync);
        api.MapPost("/instances/{id}/restart", OrchestratorStarts.RestartAsync);
        api.MapPost("/instances/{id}/raiseEvent/{eventName}", RaiseEventAsync);
        api.MapDelete("/instances/{id}", PurgeOneAsync);
        api.MapDelete("/instances", PurgeManyAsync);
        api.MapPost("/orchestrators/{functionName}/{id?}", OrchestratorStarts.StartAsync);
        api.MapEntityRoutes();
    }

    private static async Task<IResult> GetStatusAsync(
        HttpContext http, DurableTaskClient client, CompletedStatusCache statuses, InstanceHistory histories, IOptions<PrimesOptions> options, string id,
        CancellationToken ct)
    {
        var query = new DurableQuery(http.Request);
        var showHistory = query.Flag("showHistory", absent: false);
        var showHistoryOutput = query.Flag("showHistoryOutput", absent: false);
        var showInput = query.Flag("showInput", absent: true);
        var failureIs500 = query.Flag("returnInternalServerErrorOnFailure", absent: false);
        if (query.Problem is { } problem)
        {
            return problem;
        }

        var instance = await statuses.GetAsync(client, id, ct);
        if (instance is null)
        {
            return Problems.NotFound($"There is no instance '{id}'.");
        }

        var history = showHistory && instance.RuntimeStatus != OrchestrationRuntimeStatus.Pending
            ? await histories.ReadAsync(id, showHistoryOutput, showInput)
            : null;
        var body = InstanceStatusPayload.Of(instance, showInput, history);
        switch (instance.RuntimeStatus)
        {
            case OrchestrationRuntimeStatus.Failed when failureIs500:
                return Results.Json(body, statusCode: StatusCodes.Status500InternalServerError);
            case var s when RuntimeStatuses.Finished.Contains(s):
                return Results.Ok(body);
            default:
                RetryAfter.Set(http.Response, RetryAfter.ForJob(instance.SerializedCustomStatus, DateTime.UtcNow, options.Value.MaxRetryAfterSeconds));
                return Results.Accepted($"{RequestManagementUrls.Origin(http.Request)}{http.Request.Path}{http.Request.QueryString}", body);
        }
    }

    private static async Task<IResult> ListAsync(HttpContext http, DurableTaskClient client, CancellationToken ct)
    {
        var query = new DurableQuery(http.Request);
        var statuses = query.Statuses("runtimeStatus");
        var from = query.Time("createdTimeFrom");
        var to = query.Time("createdTimeTo");
        var top = query.PositiveInteger("top");
        var showInput = query.Flag("showInput", absent: true);
        var prefix = query.Text("instanceIdPrefix");
        var token = http.Request.Headers[ContinuationHeader].FirstOrDefault();
        if (token is not null && !IsContinuationToken(token))
        {
            query.Refuse(ContinuationHeader, "must be the x-ms-continuation-token header of the previous page, unchanged.");
        }

        if (query.Problem is { } problem)
        {
            return problem;
        }

        var filter = new OrchestrationQuery(
            CreatedFrom: from,
            CreatedTo: to,
            Statuses: statuses.Count > 0 ? statuses : null,
            InstanceIdPrefix: string.IsNullOrEmpty(prefix) ? null : prefix,
            PageSize: top ?? OrchestrationQuery.DefaultPageSize,
            FetchInputsAndOutputs: true,
            ContinuationToken: token);
        await foreach (var page in client.GetAllInstancesAsync(filter).AsPages(filter.ContinuationToken, filter.PageSize).WithCancellation(ct))
        {
            if (page.ContinuationToken is { } next)
            {
                http.Response.Headers[ContinuationHeader] = next;
            }

            return Results.Ok(page.Values.Select(i => InstanceStatusPayload.Of(i, showInput)));
        }

        return Results.Ok(Array.Empty<InstanceStatusPayload>());
    }

    private static async Task<IResult> ChangeAsync(
        DurableTaskClient client, string id, CancellationToken ct, Func<DurableTaskClient, string, CancellationToken, Task> change)
    {
        var instance = await client.GetInstanceAsync(id, getInputsAndOutputs: false, ct);
        if (instance is null)
        {
            return Problems.NotFound($"There is no instance '{id}'.");
        }

        if (RuntimeStatuses.Finished.Contains(instance.RuntimeStatus))
        {
            return Gone(id, instance.RuntimeStatus);
        }

        await change(client, id, ct);
        return Results.Accepted();
    }

    private static IResult Gone(string id, OrchestrationRuntimeStatus status) =>
        Results.Problem(detail: $"Instance '{id}' is {status}: it can no longer change.", statusCode: StatusCodes.Status410Gone, title: "Gone");

    /// <summary>
    /// Rewind as the extension runs it on the Azure Storage provider: only a failed instance, whose failed steps the
    /// provider marks as rewound and replays. Like the extension, a finished instance that did not fail answers 410
    /// and one still running 500 ("only supported on failed orchestration instances").
    /// </summary>
    private static async Task<IResult> RewindAsync(
        DurableTaskClient client, AzureStorageOrchestrationService store, InstanceChanges changes, string id, string? reason, CancellationToken ct)
    {
        var instance = await client.GetInstanceAsync(id, getInputsAndOutputs: false, ct);
        switch (instance?.RuntimeStatus)
        {
            case null:
                return Problems.NotFound($"There is no instance '{id}'.");
            case OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Terminated:
                return Gone(id, instance.RuntimeStatus);
            case not OrchestrationRuntimeStatus.Failed:
                return Results.Problem(
                    detail: "The rewind operation is only supported on failed orchestration instances.", statusCode: StatusCodes.Status500InternalServerError);
        }

        await store.RewindTaskOrchestrationAsync(id, reason ?? "");
        changes.Notify(id);
        return Results.Accepted();
    }

    private static async Task<IResult> RaiseEventAsync(HttpRequest request, DurableTaskClient client, string id, string eventName, CancellationToken ct)
    {
        var instance = await client.GetInstanceAsync(id, getInputsAndOutputs: false, ct);
        if (instance is null)
        {
            return Problems.NotFound($"There is no instance '{id}'.");
        }

        if (RuntimeStatuses.Finished.Contains(instance.RuntimeStatus))
        {
            return Gone(id, instance.RuntimeStatus);
        }

        if (!string.Equals(request.GetTypedHeaders().ContentType?.MediaType.Value, "application/json", StringComparison.OrdinalIgnoreCase))
        {
            return Problems.Invalid("Content-Type", "must be application/json: the event's payload is a JSON value.");
        }

        using var reader = new StreamReader(request.Body);
        var text = await reader.ReadToEndAsync(ct);
        // A JSON element, which the durable data converter (source-generated metadata only) writes as it came.
        JsonElement? payload;
        try
        {
            payload = text.Length == 0 ? null : JsonDocument.Parse(text).RootElement.Clone();
        }
        catch (JsonException e)
        {
            return Problems.Invalid("body", JsonRules.NotValid(e, "any JSON value, the event's payload"));
        }

        await client.RaiseEventAsync(id, eventName, payload, ct);
        return Results.Accepted();
    }

    private static async Task<IResult> PurgeOneAsync(DurableTaskClient client, CompletedStatusCache statuses, string id, CancellationToken ct)
    {
        if (await client.GetInstanceAsync(id, getInputsAndOutputs: false, ct) is null)
        {
            return Problems.NotFound($"There is no instance '{id}'.");
        }

        var result = await client.PurgeInstanceAsync(id, cancellation: ct);
        statuses.Evict(id);
        return Results.Ok(new PurgeHistoryPayload(result.PurgedInstanceCount));
    }

    /// <summary>
    /// Purges by creation time and, when given, runtime status. The provider's own filtered purge deletes every
    /// status whatever it is asked (measured with DurableTask.AzureStorage 2.11.2), so the matching instances are
    /// listed first and purged one by one. As in the extension, no <c>runtimeStatus</c> means every status, and
    /// nothing purged is 404.
    /// </summary>
    private static async Task<IResult> PurgeManyAsync(HttpRequest request, DurableTaskClient client, CompletedStatusCache statuses, CancellationToken ct)
    {
        var query = new DurableQuery(request);
        var from = query.Time("createdTimeFrom");
        var to = query.Time("createdTimeTo");
        var runtimeStatuses = query.Statuses("runtimeStatus");
        if (from is null && query.Text("createdTimeFrom") is null)
        {
            query.Refuse("createdTimeFrom", "is required to purge by filter.");
        }

        if (query.Problem is { } problem)
        {
            return problem;
        }

        var matching = new OrchestrationQuery(
            CreatedFrom: from, CreatedTo: to ?? DateTimeOffset.UtcNow, Statuses: runtimeStatuses.Count > 0 ? runtimeStatuses : null, FetchInputsAndOutputs: false);
        var deleted = 0;
        await foreach (var instance in client.GetAllInstancesAsync(matching).WithCancellation(ct))
        {
            deleted += (await client.PurgeInstanceAsync(instance.InstanceId, cancellation: ct)).PurgedInstanceCount;
        }

        statuses.EvictAll();
        return deleted == 0
            ? Problems.NotFound("No instance matches the filter.")
            : Results.Ok(new PurgeHistoryPayload(deleted));
    }

    /// <summary>
    /// The extension serves other task hubs when asked by <c>taskHub</c> (and <c>connection</c>); this host serves
    /// one, so a request for another is refused rather than answered from the wrong hub.
    /// </summary>
    private static ValueTask<object?> RefuseOtherTaskHubs(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var hub = context.HttpContext.RequestServices.GetRequiredService<HostJson>().HubName;
        var asked = context.HttpContext.Request.Query["taskHub"].LastOrDefault();
        return string.IsNullOrEmpty(asked) || string.Equals(asked, hub, StringComparison.OrdinalIgnoreCase)
            ? next(context)
            : ValueTask.FromResult<object?>(Problems.Invalid("taskHub", $"must be this host's task hub, '{hub}', or absent."));
    }

    /// <summary>The durable store's tokens are base64 text naming where the previous page stopped; anything else was never one.</summary>
    private static bool IsContinuationToken(string token)
    {
        var bytes = new byte[token.Length];
        return Convert.TryFromBase64String(token, bytes, out var written) && written > 0 && System.Text.Unicode.Utf8.IsValid(bytes.AsSpan(0, written));
    }
}
