using System.Globalization;
using Azure;
using Microsoft.Extensions.Logging;
using PrimeFunctions.Engine;
using PrimeFunctions.Storage;

namespace PrimeFunctions.Orchestration;

/// <summary>
/// Clips the job's first and last segments to its range, writes the job manifest, and computes the summary:
/// count, sum, first, last, and the SHA-256 of the text form — which has to read every prime once, in order,
/// so this step renders each stored segment exactly as the results endpoint will stream it. It runs beside the job's
/// last wave of sieves, taking each segment as soon as its run hands it off (<see cref="SegmentHandoff"/>). A segment
/// that is missing or damaged by now is sieved again on the way (see <see cref="SegmentStore.LoadAsync"/>).
/// </summary>
/// <remarks>
/// One merge per job. A merge claims the job's state row and renews the claim every <see cref="ReportEvery"/> while it
/// works. A second merge of the job — a redelivered or retried activity — waits while the claim is being renewed and
/// answers with the summary once the holder writes it; a claim left unrenewed for <see cref="TakeoverAfter"/> (its
/// merge died, or its worker stalled) is taken over. A merge that finds it has lost its claim asks whether its run was
/// deleted — only then does it answer "deleted" (null) — and otherwise waits for the merge that holds the job, in the
/// same way. So whenever the job has a summary, every merge of it returns that summary.
/// </remarks>
public sealed class MergeJobActivity(
    SegmentStore segments, SegmentHandoff handoff, JobManifestStore manifests, FaultInjection faults, TimeProvider time, ILogger<MergeJobActivity> logger)
{
    /// <summary>How often the merge renews its claim, recording how far it is for the orchestrator to show; and how often a waiting twin looks.</summary>
    public static readonly TimeSpan ReportEvery = TimeSpan.FromSeconds(1);

    /// <summary>How long a claim may go unrenewed before another merge of the job takes it over.</summary>
    public static readonly TimeSpan TakeoverAfter = TimeSpan.FromSeconds(15);

    // How long the merge waits for a segment its run has not handed off yet before it settles that one itself.
    private static readonly TimeSpan SievePatience = TimeSpan.FromSeconds(30);

    public async Task<JobSummary?> RunAsync(MergeRequest request)
    {
        faults.MaybeFail(nameof(MergeJobActivity));
        var run = request.Run;
        JobStateRecord? holder = null;
        var holderSeen = 0L;
        while (true)
        {
            if (await manifests.FindSummaryAsync(run.JobId) is { } merged)
            {
                // Merged before (the job ran again after its history was purged), or by the merge that held the job.
                return merged;
            }

            if (await manifests.IsDeletedAsync(run))
            {
                logger.LogInformation("Job {JobId} was deleted: not merging it.", run.JobId);
                return null;
            }

            var state = await manifests.ReadStateAsync(run.JobId);
            if (state is { Phase: JobPhase.Merging })
            {
                if (holder is null || holder.ETag != state.ETag)
                {
                    (holder, holderSeen) = (state, time.GetTimestamp());
                }

                if (time.GetElapsedTime(holderSeen) < TakeoverAfter)
                {
                    await Task.Delay(ReportEvery, time);
                    continue;
                }

                logger.LogWarning("Job {JobId}: the merge holding it has not renewed its claim for {Seconds} s; taking it over.", run.JobId, TakeoverAfter.TotalSeconds);
            }

            if (await manifests.ClaimForMergeAsync(run, state) is not { } claim)
            {
                continue;
            }

            logger.LogInformation("Merging job {JobId}.", run.JobId);
            if (await MergeAsync(request, claim) is { } summary)
            {
                return summary;
            }

            logger.LogWarning("Job {JobId}: this merge lost its claim; asking whether the job was deleted, else waiting for the merge that holds it.", run.JobId);
            holder = null;
        }
    }

    /// <summary>The merge itself, under <paramref name="claim"/>: the summary it wrote, or null when it lost the claim.</summary>
    private async Task<JobSummary?> MergeAsync(MergeRequest request, MergeClaim claim)
    {
        var (job, run) = (request.Job, request.Run);
        using var lost = new CancellationTokenSource();
        using var stopRenewing = new CancellationTokenSource();
        long segmentsMerged = 0;
        var renewing = RenewAsync(claim, () => Interlocked.Read(ref segmentsMerged), lost, stopRenewing.Token);

        var text = new TextDigest();
        var parts = new List<ManifestPart>();
        long count = 0, reused = 0;
        ulong? first = null, last = null;

        // Segments are read in order as the run hands them off, the next one fetched while this one renders. One not
        // handed off after a long wait is settled here; from then on, so is every segment not handed off yet.
        var stalled = false;
        async Task<(StoredSegment Segment, bool Reused)> LoadWhenSettledAsync(long index)
        {
            var settled = await handoff.WaitAsync(run, index, stalled ? TimeSpan.Zero : SievePatience, lost.Token);
            if (settled is null)
            {
                stalled = true;
                settled = (await handoff.SettleAsync(run, job.SegmentWidth, index, () => Task.FromResult(true), lost.Token))!;
            }

            return (await segments.LoadAsync(job.SegmentWidth, index, settled.Sha256, lost.Token), settled.Reused);
        }

        string sha256;
        try
        {
            var next = LoadWhenSettledAsync(job.FirstSegment);
            for (var index = job.FirstSegment; index <= job.LastSegment; index++)
            {
                var (segment, wasReused) = await next;
                if (index < job.LastSegment)
                {
                    next = LoadWhenSettledAsync(index + 1);
                }

                await faults.DelaySegmentAsync();
                lost.Token.ThrowIfCancellationRequested();
                reused += wasReused ? 1 : 0;
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

                parts.Add(ManifestPart.Of(segment, low, high, partCount, offset: count, textOffset));
                count += partCount;
                Interlocked.Exchange(ref segmentsMerged, parts.Count);
            }

            sha256 = await text.CompleteAsync();
        }
        catch (OperationCanceledException) when (lost.IsCancellationRequested)
        {
            return null;
        }
        finally
        {
            await stopRenewing.CancelAsync();
        }

        if (await renewing is not { } held)
        {
            return null;
        }

        var summary = new JobSummary(
            run.JobId, job.From, job.To, count, text.Sum.ToString(CultureInfo.InvariantCulture), first, last,
            sha256, text.Bytes, job.SegmentCount, reused);
        return await manifests.WriteAsync(held, summary, parts) ? summary : null;
    }

    /// <summary>
    /// Renews the claim every <see cref="ReportEvery"/> until told to stop: the claim as last renewed, or null (and
    /// <paramref name="lost"/> cancelled) once the state row changed under it. A failed renewal is tried again at the next
    /// tick: a storage blip shorter than <see cref="TakeoverAfter"/> costs this merge nothing.
    /// </summary>
    private async Task<MergeClaim?> RenewAsync(MergeClaim claim, Func<long> segmentsMerged, CancellationTokenSource lost, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(ReportEvery, time, stop);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            try
            {
                if (await manifests.ReportMergedAsync(claim, segmentsMerged()) is not { } renewed)
                {
                    await lost.CancelAsync();
                    return null;
                }

                claim = renewed;
            }
            catch (RequestFailedException e)
            {
                logger.LogWarning("Job {JobId}: renewing the merge's claim failed ({Status}); trying again.", claim.Run.JobId, e.Status);
            }
        }

        return claim;
    }
}
