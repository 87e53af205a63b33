using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using PrimeFunctions.Orchestration;
using PrimeFunctions.Storage;

namespace PrimeFunctions.Api;

/// <summary>
/// <c>DELETE /api/primes/{id}</c>: cancels a range job if it still runs, then removes its manifest and its
/// history. The segments it sieved stay in the shared cache for other jobs. Deleting again after a partial
/// failure finishes the work; 404 only when neither an instance nor a manifest is left.
/// </summary>
public sealed class DeleteJobHandler(JobManifestStore manifests, IOptions<PrimesOptions> options, InstanceChanges changes)
{
    /// <summary>How long a request waits for a terminated job to stop before it answers 202 and asks to be repeated.</summary>
    public static readonly TimeSpan TerminationWait = TimeSpan.FromSeconds(30);

    public async Task<IResult> HandleAsync(HttpRequest request, DurableTaskClient client, string id, CancellationToken cancellationToken)
    {
        var errors = JobId.CheckRoute(request, id);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var instance = await client.GetInstanceAsync(id, getInputsAndOutputs: true, cancellationToken);
        if (instance is null && !await manifests.HasManifestAsync(id, cancellationToken))
        {
            return Problems.NotFound($"There is no job '{id}'.");
        }

        // Marked first, by the run the instance's input names (none left to name once its history is gone): a sieve or
        // merge of that run still queued or running skips its work from now on, and no merge can complete the job after
        // this answer.
        var run = (instance is null ? null : JobInput.Read(instance))?.RunOf(id) ?? new JobRun(id, "");
        await manifests.MarkDeletedAsync(run, cancellationToken);
        if (instance is not null && instance.RuntimeStatus.IsRunning())
        {
            await client.TerminateInstanceAsync(id, "Deleted by its owner.", cancellationToken);
            if (await client.WaitForCompletionWithinAsync(id, TerminationWait, getInputsAndOutputs: false, cancellationToken) is null)
            {
                RetryAfter.Set(request.HttpContext.Response, options.Value.RetryAfterSeconds);
                return Results.Accepted(value: new StoppingJob(id, "The job is stopping; repeat the DELETE to remove it once it has."));
            }
        }

        await manifests.DeleteAsync(id, cancellationToken: cancellationToken);
        if (instance is not null)
        {
            await client.PurgeInstanceAsync(id, cancellation: cancellationToken);
            changes.Notify(id);
        }

        return Results.NoContent();
    }
}
