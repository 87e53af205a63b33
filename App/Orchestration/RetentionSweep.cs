using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PrimeFunctions.Storage;

namespace PrimeFunctions.Orchestration;

/// <summary>
/// Retention: removes finished instances and job manifests older than <see cref="PrimesOptions.RetentionAge"/>,
/// then the segments no job has used for as long and no remaining manifest reads. Every delete tolerates the
/// thing being gone already, so two sweeps may run at once. The retention timer function runs it on
/// <see cref="Schedule"/> under either host (the local host also once at start-up).
/// </summary>
public sealed class RetentionSweep(
    JobManifestStore manifests, SegmentStore segments, IOptions<PrimesOptions> options, TimeProvider time, ILogger<RetentionSweep> logger)
{
    /// <summary>The timer's NCRONTAB schedule: hourly, at 17 minutes past.</summary>
    public const string Schedule = "0 17 * * * *";

    /// <summary>Removes what is older than the retention age by this worker's clock.</summary>
    public Task<RetentionReport> RunAsync(DurableTaskClient client, CancellationToken cancellationToken = default) =>
        RunAsync(client, time.GetUtcNow() - options.Value.RetentionAge, cancellationToken);

    /// <summary>
    /// Removes what finished, or was last used, before <paramref name="cutoff"/>. The one comparison of times here is the
    /// cutoff against times the durable store and the storage service stamp (instance updates, row timestamps): a worker
    /// whose clock is minutes off changes only which hourly sweep removes a thing kept for <see cref="PrimesOptions.RetentionAge"/>.
    /// </summary>
    public async Task<RetentionReport> RunAsync(DurableTaskClient client, DateTimeOffset cutoff, CancellationToken cancellationToken = default)
    {
        logger.LogInformation("Retention: removing what finished or was last used before {Cutoff:o}.", cutoff);

        var stale = new List<string>();
        var query = new OrchestrationQuery(CreatedTo: cutoff, Statuses: RuntimeStatuses.Finished, PageSize: 100);
        await foreach (var instance in client.GetAllInstancesAsync(query).WithCancellation(cancellationToken))
        {
            if (instance.LastUpdatedAt < cutoff)
            {
                stale.Add(instance.InstanceId);
            }
        }

        var instances = 0;
        foreach (var id in stale)
        {
            instances += (await client.PurgeInstanceAsync(id, cancellation: cancellationToken)).PurgedInstanceCount;
        }

        var jobs = 0;
        foreach (var id in await manifests.ListWrittenBeforeAsync(cutoff, cancellationToken))
        {
            jobs += await manifests.DeleteAsync(id, includingDeletionMark: true, cancellationToken) ? 1 : 0;
        }

        var referenced = await manifests.ReferencedBlobNamesAsync(cancellationToken);
        int segmentCount = 0;
        long bytes = 0;
        await foreach (var segment in segments.ListUnusedSinceAsync(cutoff, cancellationToken))
        {
            if (!referenced.Contains(segment.BlobName) && await segments.DeleteAsync(segment, cancellationToken))
            {
                segmentCount++;
                bytes += segment.Bytes;
            }
        }

        var report = new RetentionReport(cutoff, instances, jobs, segmentCount, bytes);
        logger.LogInformation(
            "Retention: purged {Instances} instances, {Manifests} job manifests and {Segments} segments ({Bytes} bytes).",
            report.Instances, report.Manifests, report.Segments, report.SegmentBytes);
        return report;
    }
}

/// <summary>What one retention sweep removed.</summary>
public sealed record RetentionReport(DateTimeOffset Cutoff, int Instances, int Manifests, int Segments, long SegmentBytes);
