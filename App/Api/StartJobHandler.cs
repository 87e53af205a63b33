using System.Diagnostics;
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
    CompletedManifests manifests, CompletedStatusCache statuses, IManagementUrls urls, IOptions<PrimesOptions> options,
    InstanceChanges changes, JobCompletion completion, TimeProvider time)
{
    // How often a start that found the job's summary reads its status again, until the instance has completed too.
    private static readonly TimeSpan StatusPoll = TimeSpan.FromMilliseconds(50);

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

        // Both answers come from memory once a job has completed (its status for a second, its manifest until it is
        // deleted), so starting a completed range costs what reading its status does. A broken manifest is repaired
        // first, for as long as a start waits for a job.
        var id = JobId.For(range.From, range.To);
        var payload = urls.Create(request, client, id);
        var completed = await manifests.FindAsync(id, settings.StartWait, cancellationToken);
        var instance = await statuses.GetAsync(client, id, cancellationToken);
        if (completed is not null && instance is { RuntimeStatus: OrchestrationRuntimeStatus.Completed })
        {
            return Results.Ok(new JobResponse(payload, "Completed", completed.Summary, CompletedBefore: true));
        }

        // Not started, or finished without results — or completed, but its history was purged: then the job runs
        // again so that its status URL answers too; it finds every segment and the manifest stored, and ends at once.
        if (instance is null || !instance.RuntimeStatus.IsRunning())
        {
            var job = new RangeJob(
                range.From, range.To, settings.SegmentWidth, settings.MaxTasksPerOrchestration, Guid.NewGuid().ToString("N"), time.GetUtcNow(), settings.MergeProgressSeconds,
                SegmentsPerTask: settings.SegmentsPerTask);
            if (await client.StartOrJoinAsync(nameof(PrimeRangeOrchestrator), job, id, cancellationToken))
            {
                changes.Notify(id);
            }
        }

        // A job that finishes within moments is answered here, as an already-completed one is: the caller need not
        // poll. Its summary is written a moment before its orchestration completes, and 200 waits for both, so that
        // the status URL of a job started with 200 never says it is still running.
        var waited = Stopwatch.StartNew();
        if ((completed ?? await completion.WaitAsync(id, settings.StartWait, cancellationToken)) is { } done
            && await HasCompletedAsync(client, id, settings.StartWait - waited.Elapsed, cancellationToken))
        {
            return Results.Ok(new JobResponse(payload, "Completed", done.Summary, CompletedBefore: false));
        }

        var running = await client.GetInstanceAsync(id, getInputsAndOutputs: true, cancellationToken);
        RetryAfter.Set(
            request.HttpContext.Response, RetryAfter.ForJob(running?.SerializedCustomStatus, time.GetUtcNow().UtcDateTime, settings.MaxRetryAfterSeconds));
        return Results.Accepted(
            payload.StatusQueryGetUri, new JobResponse(payload, running?.RuntimeStatus is { } s && s.IsRunning() ? s.ToString() : "Pending", null, CompletedBefore: false));
    }

    /// <summary>True once the job's instance says Completed, read again until <paramref name="wait"/> runs out.</summary>
    private async Task<bool> HasCompletedAsync(DurableTaskClient client, string id, TimeSpan wait, CancellationToken cancellationToken)
    {
        for (var clock = Stopwatch.StartNew(); ; await Task.Delay(StatusPoll, cancellationToken))
        {
            var instance = await statuses.GetAsync(client, id, cancellationToken);
            if (instance is { RuntimeStatus: OrchestrationRuntimeStatus.Completed })
            {
                return true;
            }

            if (instance is null || !instance.RuntimeStatus.IsRunning() || clock.Elapsed >= wait)
            {
                return false;
            }
        }
    }
}

/// <summary>
/// The body of a start: the management payload, the job's status, its summary once completed, and whether it had
/// completed before this request (its answer read from storage, nothing run for it) — which a caller cannot tell
/// from times, since the service's clock and its own differ and <c>Date</c> counts whole seconds.
/// </summary>
public sealed record JobResponse(
    [property: System.Text.Json.Serialization.JsonIgnore] ManagementPayload Payload,
    string RuntimeStatus,
    JobSummary? Output,
    bool CompletedBefore)
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
