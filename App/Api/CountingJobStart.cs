using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using PrimeFunctions.Orchestration;

namespace PrimeFunctions.Api;

/// <summary>
/// Starts or joins a count or n-th prime job named by its input, as range jobs are: a completed job answers 200 with
/// its output at once, one that completes within <see cref="PrimesOptions.StartWait"/> too, anything else 202 with
/// the status URL in <c>Location</c> and <c>Retry-After</c>. A failed or terminated job starts afresh.
/// </summary>
public sealed class CountingJobStart(IManagementUrls urls, IOptions<PrimesOptions> options)
{
    /// <summary>Intervals one π(x) is cut into: enough to keep a few workers busy, few enough to keep history small.</summary>
    public int IntervalsPerPi => Math.Clamp(options.Value.MaxTasksPerOrchestration, 1, 16);

    public async Task<IResult> StartAsync<TOutput>(
        HttpRequest request, DurableTaskClient client, string orchestrator, object input, string id, CancellationToken cancellationToken)
        where TOutput : class
    {
        var settings = options.Value;
        var payload = urls.Create(request, client, id);
        var instance = await client.GetInstanceAsync(id, getInputsAndOutputs: true, cancellationToken);
        if (Completed<TOutput>(instance) is { } output)
        {
            return Results.Ok(CountingJobResponse.From(payload, "Completed", output));
        }

        if (instance is null || !instance.RuntimeStatus.IsRunning())
        {
            await client.StartOrJoinAsync(orchestrator, input, id, cancellationToken);
        }

        instance = await client.WaitForCompletionWithinAsync(id, settings.StartWait, getInputsAndOutputs: true, cancellationToken)
            ?? await client.GetInstanceAsync(id, getInputsAndOutputs: true, cancellationToken);
        if (Completed<TOutput>(instance) is { } quick)
        {
            return Results.Ok(CountingJobResponse.From(payload, "Completed", quick));
        }

        RetryAfter.Set(request.HttpContext.Response, settings.RetryAfterSeconds);
        var status = instance?.RuntimeStatus is { } s && s.IsRunning() ? s.ToString() : "Pending";
        return Results.Accepted(payload.StatusQueryGetUri, CountingJobResponse.From(payload, status, null));
    }

    private static TOutput? Completed<TOutput>(OrchestrationMetadata? instance)
        where TOutput : class =>
        instance is { RuntimeStatus: OrchestrationRuntimeStatus.Completed } ? instance.ReadOutputAs<TOutput>() : null;
}

/// <summary>The body of a count or n-th prime start: the management payload, the job's status, and its output once completed.</summary>
public sealed record CountingJobResponse(
    string Id,
    string RuntimeStatus,
    string StatusQueryGetUri,
    string SendEventPostUri,
    string TerminatePostUri,
    string PurgeHistoryDeleteUri,
    string SuspendPostUri,
    string ResumePostUri,
    object? Output)
{
    public static CountingJobResponse From(ManagementPayload payload, string status, object? output) =>
        new(payload.Id, status, payload.StatusQueryGetUri, payload.SendEventPostUri, payload.TerminatePostUri,
            payload.PurgeHistoryDeleteUri, payload.SuspendPostUri, payload.ResumePostUri, output);
}
