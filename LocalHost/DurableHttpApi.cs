using System.Text.Json;
using Microsoft.DurableTask.Client;
using PrimeFunctions.Api;
using PrimeFunctions.Orchestration;

namespace PrimeFunctions.LocalHost;

/// <summary>
/// The Durable Functions built-in HTTP API (<c>/runtime/webhooks/durabletask/instances</c>) served from
/// <see cref="DurableTaskClient"/> calls, with the routes, status codes and headers of the Functions host:
/// status, list, terminate, suspend, resume, raise event and purge.
/// </summary>
public static class DurableHttpApi
{
    private const string Instances = "/runtime/webhooks/durabletask/instances";
    private const string ContinuationHeader = "x-ms-continuation-token";

    public static void MapDurableHttpApi(this IEndpointRouteBuilder app)
    {
        app.MapGet(Instances + "/{id}", GetStatusAsync);
        app.MapGet(Instances, ListAsync);
        app.MapPost(Instances + "/{id}/terminate", (DurableTaskClient client, string id, string? reason, CancellationToken ct) =>
            ChangeAsync(client, id, ct, (c, i, t) => c.TerminateInstanceAsync(i, reason, t)));
        app.MapPost(Instances + "/{id}/suspend", (DurableTaskClient client, string id, string? reason, CancellationToken ct) =>
            ChangeAsync(client, id, ct, (c, i, t) => c.SuspendInstanceAsync(i, reason, t)));
        app.MapPost(Instances + "/{id}/resume", (DurableTaskClient client, string id, string? reason, CancellationToken ct) =>
            ChangeAsync(client, id, ct, (c, i, t) => c.ResumeInstanceAsync(i, reason, t)));
        app.MapPost(Instances + "/{id}/raiseEvent/{eventName}", RaiseEventAsync);
        app.MapDelete(Instances + "/{id}", PurgeOneAsync);
        app.MapDelete(Instances, PurgeManyAsync);
    }

    private static async Task<IResult> GetStatusAsync(
        HttpContext http, DurableTaskClient client, CompletedStatusCache statuses, string id, bool? showInput, bool? returnInternalServerErrorOnFailure,
        CancellationToken ct)
    {
        var instance = await statuses.GetAsync(client, id, ct);
        if (instance is null)
        {
            return Problems.NotFound($"There is no instance '{id}'.");
        }

        var body = Describe(instance, showInput ?? true);
        switch (instance.RuntimeStatus)
        {
            case OrchestrationRuntimeStatus.Failed when returnInternalServerErrorOnFailure == true:
                return Results.Json(body, statusCode: StatusCodes.Status500InternalServerError);
            case var s when RuntimeStatuses.Finished.Contains(s):
                return Results.Ok(body);
            default:
                RetryAfter.Set(http.Response, RetryAfter.ForJob(
                    instance.SerializedCustomStatus, DateTime.UtcNow,
                    http.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<PrimesOptions>>().Value.MaxRetryAfterSeconds));
                return Results.Accepted($"{RequestManagementUrls.Origin(http.Request)}{http.Request.Path}{http.Request.QueryString}", body);
        }
    }

    private static async Task<IResult> ListAsync(
        HttpContext http, DurableTaskClient client, string? runtimeStatus, DateTimeOffset? createdTimeFrom, DateTimeOffset? createdTimeTo,
        int? top, bool? showInput, CancellationToken ct)
    {
        var statuses = new List<OrchestrationRuntimeStatus>();
        foreach (var name in (runtimeStatus ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Enum.TryParse<OrchestrationRuntimeStatus>(name, ignoreCase: true, out var status))
            {
                return Problems.Validation(new Dictionary<string, string[]>
                {
                    ["runtimeStatus"] = [$"'{name}' is not one of {string.Join(", ", Enum.GetNames<OrchestrationRuntimeStatus>())}."],
                });
            }

            statuses.Add(status);
        }

        if (top is <= 0)
        {
            return Problems.Validation(new Dictionary<string, string[]> { ["top"] = ["must be a positive integer."] });
        }

        var token = http.Request.Headers[ContinuationHeader].FirstOrDefault();
        if (token is not null && !IsContinuationToken(token))
        {
            return Problems.Invalid(ContinuationHeader, "must be the x-ms-continuation-token header of the previous page, unchanged.");
        }

        var query = new OrchestrationQuery(
            CreatedFrom: createdTimeFrom,
            CreatedTo: createdTimeTo,
            Statuses: statuses.Count > 0 ? statuses : null,
            PageSize: top ?? OrchestrationQuery.DefaultPageSize,
            FetchInputsAndOutputs: showInput ?? false,
            ContinuationToken: token);
        await foreach (var page in client.GetAllInstancesAsync(query).AsPages(query.ContinuationToken, query.PageSize).WithCancellation(ct))
        {
            if (page.ContinuationToken is { } next)
            {
                http.Response.Headers[ContinuationHeader] = next;
            }

            return Results.Ok(page.Values.Select(i => Describe(i, showInput ?? false)));
        }

        return Results.Ok(Array.Empty<object>());
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
            return Results.Problem(
                detail: $"Instance '{id}' is {instance.RuntimeStatus}: it can no longer change.", statusCode: StatusCodes.Status410Gone, title: "Gone");
        }

        await change(client, id, ct);
        return Results.Accepted();
    }

    private static async Task<IResult> RaiseEventAsync(HttpRequest request, DurableTaskClient client, string id, string eventName, CancellationToken ct)
    {
        JsonElement? payload = null;
        if (request.ContentLength is > 0 || request.Headers.TransferEncoding.Count > 0)
        {
            try
            {
                payload = await JsonSerializer.DeserializeAsync<JsonElement>(request.Body, cancellationToken: ct);
            }
            catch (JsonException e)
            {
                return Problems.Invalid("body", JsonRules.NotValid(e, "any JSON value, the event's payload"));
            }
        }

        return await ChangeAsync(client, id, ct, (c, i, t) => c.RaiseEventAsync(i, eventName, payload, t));
    }

    private static async Task<IResult> PurgeOneAsync(DurableTaskClient client, CompletedStatusCache statuses, string id, CancellationToken ct)
    {
        var result = await client.PurgeInstanceAsync(id, cancellation: ct);
        statuses.Evict(id);
        return result.PurgedInstanceCount == 0
            ? Problems.NotFound($"There is no finished instance '{id}' to purge.")
            : Results.Ok(new { instancesDeleted = result.PurgedInstanceCount });
    }

    private static async Task<IResult> PurgeManyAsync(
        DurableTaskClient client, CompletedStatusCache statuses, DateTimeOffset? createdTimeFrom, DateTimeOffset? createdTimeTo, string? runtimeStatus, CancellationToken ct)
    {
        if (createdTimeFrom is null)
        {
            return Problems.Validation(new Dictionary<string, string[]> { ["createdTimeFrom"] = ["is required to purge by filter."] });
        }

        var runtimeStatuses = (runtimeStatus ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => Enum.TryParse<OrchestrationRuntimeStatus>(s, true, out var v) ? v : (OrchestrationRuntimeStatus?)null).ToList();
        if (runtimeStatuses.Contains(null))
        {
            return Problems.Validation(new Dictionary<string, string[]> { ["runtimeStatus"] = ["must list runtime status names, comma-separated."] });
        }

        var result = await client.PurgeAllInstancesAsync(
            new PurgeInstancesFilter(createdTimeFrom, createdTimeTo, runtimeStatuses.Count > 0 ? runtimeStatuses.Select(s => s!.Value) : RuntimeStatuses.Finished), ct);
        statuses.EvictAll();
        return result.PurgedInstanceCount == 0
            ? Problems.NotFound("No finished instance matches the filter.")
            : Results.Ok(new { instancesDeleted = result.PurgedInstanceCount });
    }

    private static object Describe(OrchestrationMetadata instance, bool showInput) => new
    {
        name = instance.Name,
        instanceId = instance.InstanceId,
        runtimeStatus = instance.RuntimeStatus.ToString(),
        input = showInput ? Json(instance.SerializedInput) : null,
        customStatus = Json(instance.SerializedCustomStatus),
        output = instance.RuntimeStatus == OrchestrationRuntimeStatus.Failed
            ? FailureReason.Of(instance)
            : (object?)Json(instance.SerializedOutput),
        createdTime = UtcTimeJsonConverter.Write(instance.CreatedAt),
        lastUpdatedTime = UtcTimeJsonConverter.Write(instance.LastUpdatedAt),
    };

    /// <summary>The durable store's tokens are base64 text naming where the previous page stopped; anything else was never one.</summary>
    private static bool IsContinuationToken(string token)
    {
        var bytes = new byte[token.Length];
        return Convert.TryFromBase64String(token, bytes, out var written) && written > 0 && System.Text.Unicode.Utf8.IsValid(bytes.AsSpan(0, written));
    }

    private static JsonElement? Json(string? serialized) =>
        string.IsNullOrEmpty(serialized) ? null : JsonSerializer.Deserialize<JsonElement>(serialized);
}
