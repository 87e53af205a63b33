using System.Collections.Concurrent;
using System.Diagnostics;
using PrimeFunctions.Storage;

namespace PrimeFunctions.Api;

/// <summary>
/// Waits, for a short bounded time, until a range job's manifest is complete — a job is complete exactly when its
/// summary row exists — so that a job done within moments is answered with its summary instead of a status URL.
/// Requests waiting for the same job share one watch: a crowd asking for one range reads its row once per poll.
/// </summary>
public sealed class JobCompletion(JobManifestStore manifests)
{
    // A point read of the summary row; small beside the half second a client would lose to one more poll.
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    private readonly ConcurrentDictionary<string, Lazy<Task<JobManifest?>>> watches = new(StringComparer.Ordinal);

    /// <summary>The job's manifest once it is complete, or null if it is not within <paramref name="wait"/>.</summary>
    public async Task<JobManifest?> WaitAsync(string jobId, TimeSpan wait, CancellationToken cancellationToken)
    {
        if (wait <= TimeSpan.Zero)
        {
            return null;
        }

        var watch = watches.GetOrAdd(jobId, id => new Lazy<Task<JobManifest?>>(() => WatchAsync(id, wait)));
        try
        {
            return await watch.Value.WaitAsync(wait, cancellationToken);
        }
        catch (TimeoutException)
        {
            return null;
        }
        finally
        {
            if (watch.Value.IsCompleted)
            {
                watches.TryRemove(KeyValuePair.Create(jobId, watch));
            }
        }
    }

    private async Task<JobManifest?> WatchAsync(string jobId, TimeSpan wait)
    {
        for (var clock = Stopwatch.StartNew(); clock.Elapsed < wait; await Task.Delay(PollInterval))
        {
            if (await manifests.FindCompletedAsync(jobId) is { } manifest)
            {
                return manifest;
            }
        }

        return null;
    }
}
