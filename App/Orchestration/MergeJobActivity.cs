using System.Globalization;
using System.Numerics;
using Microsoft.Extensions.Logging;
using PrimeFunctions.Storage;

namespace PrimeFunctions.Orchestration;

/// <summary>
/// Clips the job's first and last segments to its range, writes the job manifest, and computes the summary:
/// count, sum, first, last, and the SHA-256 of the text form — which has to read every prime once, in order,
/// so this step renders each stored segment exactly as the results endpoint will stream it. A segment that is
/// missing or damaged by now is sieved again on the way (see <see cref="SegmentStore.LoadAsync"/>).
/// </summary>
public sealed class MergeJobActivity(SegmentStore segments, JobManifestStore manifests, FaultInjection faults, ILogger<MergeJobActivity> logger)
{
    // How often the merge records how far it is, for the orchestrator to show in the job's progress.
    private static readonly TimeSpan ReportEvery = TimeSpan.FromSeconds(1);

    public async Task<JobSummary?> RunAsync(MergeRequest request)
    {
        faults.MaybeFail(nameof(MergeJobActivity));
        var job = request.Job;
        if (await manifests.FindSummaryAsync(request.JobId) is { } merged)
        {
            // Merged before (the job ran again after its history was purged): the manifest is immutable.
            return merged;
        }

        if (await manifests.ClaimForMergeAsync(request.JobId, job.CreatedAt) is not { } claim)
        {
            logger.LogInformation("Job {JobId} was deleted: not merging it.", request.JobId);
            return null;
        }

        var text = new TextDigest();
        var parts = new List<ManifestPart>();
        long count = 0;
        BigInteger sum = 0;
        ulong? first = null, last = null;

        var catalogued = await segments.FindRangeAsync(job.SegmentWidth, job.FirstSegment, job.LastSegment);
        var indices = Enumerable.Range(0, checked((int)job.SegmentCount)).Select(i => job.FirstSegment + i);
        var sinceReport = System.Diagnostics.Stopwatch.StartNew();
        await foreach (var segment in segments.LoadInOrderAsync(
            job.SegmentWidth, indices.Select(i => (i, catalogued.TryGetValue(i, out var record) ? record.Sha256 : null))))
        {
            if (sinceReport.Elapsed >= ReportEvery)
            {
                if (await manifests.ReportMergedAsync(claim, parts.Count) is not { } renewed)
                {
                    logger.LogInformation("Job {JobId} was deleted while merging: merge stopped.", request.JobId);
                    return null;
                }

                claim = renewed;
                sinceReport.Restart();
            }

            var bitmap = segment.Bitmap;
            var low = Math.Max(job.From, bitmap.Low);
            var high = Math.Min(job.To, bitmap.High);
            var partCount = bitmap.CountRange(low, high);
            var textOffset = text.Bytes;

            if (partCount > 0)
            {
                var before = low == bitmap.Low ? 0 : bitmap.Rank(low - 1);
                first ??= bitmap.PrimeAt(before);
                last = bitmap.PrimeAt(before + partCount - 1);
                sum += (BigInteger)bitmap.Sum(low, high);
                await text.AppendAsync(bitmap, low, high);
            }

            parts.Add(new ManifestPart
            {
                SegmentIndex = segment.Index,
                BlobName = segment.BlobName,
                Sha256 = segment.Sha256,
                Low = low.ToString(CultureInfo.InvariantCulture),
                High = high.ToString(CultureInfo.InvariantCulture),
                Offset = count,
                Count = partCount,
                TextOffset = textOffset,
            });
            count += partCount;
        }

        var summary = new JobSummary(
            request.JobId, job.From, job.To, count, sum.ToString(CultureInfo.InvariantCulture), first, last,
            await text.CompleteAsync(), text.Bytes, job.SegmentCount, request.SegmentsReused);
        if (await manifests.WriteAsync(claim, summary, parts))
        {
            return summary;
        }

        if (await manifests.IsDeletedAsync(request.JobId, job.CreatedAt))
        {
            logger.LogInformation("Job {JobId} was deleted while merging: its summary was not written.", request.JobId);
            return null;
        }

        throw new InvalidOperationException($"Job {request.JobId} was claimed by another merge while this one ran.");
    }
}
