using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PrimeFunctions.Engine;

namespace PrimeFunctions.Storage;

/// <summary>
/// Completed jobs' manifests as requests read them: verified, and a broken one repaired. Parts are deterministic —
/// each is the job's range clipped to one grid segment — so a lost or damaged part row is rebuilt from the segments
/// (a segment itself missing or damaged is sieved again on the way), checked against the summary, and written back.
/// One repair runs per job, outside any request; callers meanwhile get <see cref="BrokenManifestException"/>, which
/// answers 503 with <c>Retry-After</c>. Should the segments not add up to the summary either, the summary is what is
/// wrong: the manifest is dropped, and the job's next start merges it again.
/// </summary>
public sealed class CompletedManifests(
    JobManifestStore manifests, SegmentStore segments, IOptions<PrimesOptions> options, ILogger<CompletedManifests> logger)
{
    private readonly ConcurrentDictionary<string, Lazy<Task>> repairs = new(StringComparer.Ordinal);

    /// <summary>
    /// The job's manifest, or null while it is not complete. A broken one starts its repair, which is given up to
    /// <paramref name="repairWait"/> before <see cref="BrokenManifestException"/> is thrown.
    /// </summary>
    public async Task<JobManifest?> FindAsync(string jobId, TimeSpan repairWait, CancellationToken cancellationToken)
    {
        try
        {
            return await manifests.FindCompletedAsync(jobId, cancellationToken);
        }
        catch (BrokenManifestException broken) when (repairWait > TimeSpan.Zero)
        {
            try
            {
                await Repair(broken).WaitAsync(repairWait, cancellationToken);
            }
            catch (TimeoutException)
            {
                throw broken;
            }

            return await manifests.FindCompletedAsync(jobId, cancellationToken);
        }
        catch (BrokenManifestException broken)
        {
            _ = Repair(broken);
            throw;
        }
    }

    /// <summary>The repair of a broken manifest, started unless one is under way already.</summary>
    private Task Repair(BrokenManifestException broken)
    {
        var id = broken.Summary.Id;
        return repairs.GetOrAdd(id, _ => new Lazy<Task>(() => RunAsync(broken))).Value;

        async Task RunAsync(BrokenManifestException found)
        {
            // Outside the request that found it: its cancellation and deadlines are not the repair's.
            await Task.Yield();
            try
            {
                logger.LogWarning("{Problem} Rebuilding its parts from its segments.", found.Message);
                await RepairAsync(found.Summary, found.Parts);
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "The repair of job {JobId}'s manifest failed; the next read of it tries again.", id);
            }
            finally
            {
                // Only this repair's entry can be there: no other starts while it is.
                repairs.TryRemove(id, out _);
            }
        }
    }

    private async Task RepairAsync(JobSummary summary, IReadOnlyList<ManifestPart> found)
    {
        var width = found.Select(p => ManifestVerifier.TryWidthOf(p.BlobName, out var w) ? w : 0).FirstOrDefault(w => w > 0) is var known and > 0
            ? known
            : options.Value.SegmentWidth;
        var grid = new SegmentGrid(width);
        var (first, last) = (grid.IndexOf(summary.From), grid.IndexOf(summary.To));
        var parts = new List<ManifestPart>();
        long count = 0, textBytes = 0;
        var indices = Enumerable.Range(0, (int)(last - first + 1)).Select(i => (first + i, (string?)null));
        await foreach (var segment in segments.LoadInOrderAsync(width, indices))
        {
            var bitmap = segment.Bitmap;
            var (low, high) = (Math.Max(summary.From, bitmap.Low), Math.Min(summary.To, bitmap.High));
            var partCount = bitmap.CountRange(low, high);
            var part = ManifestPart.Of(segment, low, high, partCount, offset: count, textOffset: textBytes);
            (part.PartitionKey, part.RowKey) = (summary.Id, JobManifestStore.PartRow(parts.Count));
            parts.Add(part);
            count += partCount;
            textBytes += TextLayout.Length(bitmap, low, high);
        }

        if (ManifestVerifier.FindFault(summary, parts) is { } fault)
        {
            logger.LogWarning(
                "Job {JobId}'s segments disagree with its summary ({Fault}): its manifest is dropped, and its next start merges it again.",
                summary.Id, fault);
            await manifests.DeleteAsync(summary.Id);
            return;
        }

        if (await manifests.RestorePartsAsync(summary, parts))
        {
            logger.LogInformation("Job {JobId}'s manifest is whole again: {Parts} parts rebuilt from its segments.", summary.Id, parts.Count);
        }
    }
}
