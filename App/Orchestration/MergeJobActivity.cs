using System.Globalization;
using Microsoft.Extensions.Logging;
using PrimeFunctions.Engine;
using PrimeFunctions.Storage;

namespace PrimeFunctions.Orchestration;

/// <summary>
/// Clips the job's first and last segments to its range, writes the job manifest, and computes the summary:
/// count, sum, first, last, and the SHA-256 of the text form — which has to read every prime once, in order,
/// so this step renders each stored segment exactly as the results endpoint will stream it. It runs beside the job's
/// last wave of sieves, taking each segment as soon as it is stored. A segment that is missing or damaged by now is
/// sieved again on the way (see <see cref="SegmentStore.LoadAsync"/>). A segment counts as reused when its sieve found
/// it stored before the job was created.
/// </summary>
public sealed class MergeJobActivity(SegmentStore segments, JobManifestStore manifests, FaultInjection faults, ILogger<MergeJobActivity> logger)
{
    // How often the merge records how far it is, for the orchestrator to show in the job's progress.
    private static readonly TimeSpan ReportEvery = TimeSpan.FromSeconds(1);

    // How long the merge waits for a segment the job's sieves have not stored yet before it sieves that one itself.
    private static readonly TimeSpan SievePatience = TimeSpan.FromSeconds(30);

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
        long count = 0, reused = 0;
        ulong? first = null, last = null;

        // Segments are read in order as the job's sieves finish them — each sieve stores its segment, or touches the
        // one it found, so its row then shows a use since the job was created — the next one fetched while this one
        // renders. One not done after a long wait (its sieve died, or waits for a slot this merge holds) is read or
        // sieved here; from then on, so is every segment not done yet.
        using var stop = new CancellationTokenSource();
        var stalled = false;
        async Task<(StoredSegment Segment, bool Reused)> LoadWhenSievedAsync(long index)
        {
            var row = await segments.WaitForRowAsync(job.SegmentWidth, index, job.CreatedAt, stalled ? TimeSpan.Zero : SievePatience, stop.Token);
            stalled |= row is null;
            return (await segments.LoadAsync(job.SegmentWidth, index, row?.Sha256, stop.Token), row is not null && row.StoredBefore(job.CreatedAt));
        }

        var sinceReport = System.Diagnostics.Stopwatch.StartNew();
        async Task<bool> StillClaimedAsync()
        {
            if (sinceReport.Elapsed >= ReportEvery)
            {
                if (await manifests.ReportMergedAsync(claim, parts.Count) is not { } renewed)
                {
                    return false;
                }

                claim = renewed;
                sinceReport.Restart();
            }

            return true;
        }

        var next = LoadWhenSievedAsync(job.FirstSegment);
        for (var index = job.FirstSegment; index <= job.LastSegment; index++)
        {
            while (!next.IsCompleted || sinceReport.Elapsed >= ReportEvery)
            {
                if (!await StillClaimedAsync())
                {
                    logger.LogInformation("Job {JobId} was deleted while merging: merge stopped.", request.JobId);
                    await stop.CancelAsync();
                    await next.ContinueWith(_ => { }, TaskScheduler.Default);
                    return null;
                }

                await Task.WhenAny(next, Task.Delay(ReportEvery));
            }

            var (segment, wasStored) = await next;
            if (index < job.LastSegment)
            {
                next = LoadWhenSievedAsync(index + 1);
            }

            await faults.DelaySegmentAsync();
            reused += wasStored ? 1 : 0;
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

        var sha256 = await text.CompleteAsync();
        var summary = new JobSummary(
            request.JobId, job.From, job.To, count, text.Sum.ToString(CultureInfo.InvariantCulture), first, last,
            sha256, text.Bytes, job.SegmentCount, reused);
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
