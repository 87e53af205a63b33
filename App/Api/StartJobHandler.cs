using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using PrimeFunctions.Orchestration;
using PrimeFunctions.Storage;

namespace PrimeFunctions.Api;

/// <summary>
/// <c>POST /api/primes</c>: starts the job for a range, joins it while it runs, or answers at once from
/// storage when it has completed before. Failed or terminated jobs start afresh.
/// </summary>
public sealed class StartJobHandler(
    JobManifestStore manifests, IManagementUrls urls, IOptions<PrimesOptions> options, InstanceChanges changes, JobCompletion completion)
{
    public async Task<IResult> HandleAsync(HttpRequest request, DurableTaskClient client, CancellationToken cancellationToken)
    {
        if (Charset.Refuse(request) is { } unreadable)
        {
            return unreadable;
        }

        var settings = options.Value;
        var (range, errors) = await RangeRequest.ReadAsync(request, settings, cancellationToken);
        if (range is null)
        {
            return Problems.Validation(errors);
        }

        var id = JobId.For(range.From, range.To);
        var payload = urls.Create(request, client, id);
        var completed = await manifests.FindCompletedAsync(id, cancellationToken);
        var instance = await client.GetInstanceAsync(id, getInputsAndOutputs: false, cancellationToken);
        if (completed is not null && instance is not null)
        {
            return Results.Ok(new JobResponse(payload, "Completed", completed.Summary));
        }

        // Not started, or finished without results — or completed, but its history was purged: then the job runs
        // again so that its status URL answers too; it finds every segment and the manifest stored, and ends at once.
        if (instance is null || !instance.RuntimeStatus.IsRunning())
        {
            var job = new RangeJob(
                range.From, range.To, settings.SegmentWidth, settings.MaxTasksPerOrchestration, DateTimeOffset.UtcNow, settings.MergeProgressSeconds,
                SegmentsPerTask: settings.SegmentsPerTask);
            if (await client.StartOrJoinAsync(nameof(PrimeRangeOrchestrator), job, id, cancellationToken))
            {
                changes.Notify(id);
            }
        }

        // A job that finishes within moments is answered here, as an already-completed one is: the caller need not poll.
        if ((completed ?? await completion.WaitAsync(id, settings.StartWait, cancellationToken)) is { } done)
        {
            return Results.Ok(new JobResponse(payload, "Completed", done.Summary));
        }

        var running = await client.GetInstanceAsync(id, getInputsAndOutputs: true, cancellationToken);
        RetryAfter.Set(
            request.HttpContext.Response, RetryAfter.ForJob(running?.SerializedCustomStatus, DateTime.UtcNow, settings.MaxRetryAfterSeconds));
        return Results.Accepted(payload.StatusQueryGetUri, new JobResponse(payload, running?.RuntimeStatus is { } s && s.IsRunning() ? s.ToString() : "Pending", null));
    }
}

/// <summary>The body of a start: the management payload, the job's status, and its summary once completed.</summary>
public sealed record JobResponse(
    [property: System.Text.Json.Serialization.JsonIgnore] ManagementPayload Payload,
    string RuntimeStatus,
    JobSummary? Output)
{
    public string Id => Payload.Id;
    public string StatusQueryGetUri => Payload.StatusQueryGetUri;
    public string SendEventPostUri => Payload.SendEventPostUri;
    public string TerminatePostUri => Payload.TerminatePostUri;
    public string PurgeHistoryDeleteUri => Payload.PurgeHistoryDeleteUri;
    public string SuspendPostUri => Payload.SuspendPostUri;
    public string ResumePostUri => Payload.ResumePostUri;
    public string ResultsUri => Payload.ResultsUri;
}
