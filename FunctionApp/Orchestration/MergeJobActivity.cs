using System.Globalization;
using System.Numerics;
using Microsoft.DurableTask;
using PrimeFunctions.Primes;
using PrimeFunctions.Storage;

namespace PrimeFunctions.Orchestration;

/// <summary>
/// Clips the job's first and last segments to its range, writes the job manifest, and computes the summary:
/// count, sum, first, last, and the SHA-256 of the text form — which has to read every prime once, in order,
/// so this step renders each stored segment exactly as the results endpoint will stream it.
/// </summary>
public sealed class MergeJobActivity(SegmentStore segments, JobManifestStore manifests) : TaskActivity<MergeRequest, JobSummary>
{
    public override async Task<JobSummary> RunAsync(TaskActivityContext context, MergeRequest request)
    {
        var job = request.Job;
        var text = new TextDigest();
        var parts = new List<ManifestPart>();
        long count = 0;
        BigInteger sum = 0;
        ulong? first = null, last = null;

        var records = await segments.FindRangeAsync(job.SegmentWidth, job.FirstSegment, job.LastSegment);
        var index = 0;
        await foreach (var bitmap in segments.LoadInOrderAsync(records.Select(r => (r.BlobName, r.Sha256))))
        {
            var record = records[index++];
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
                SegmentIndex = job.FirstSegment + index - 1,
                BlobName = record.BlobName,
                Sha256 = record.Sha256,
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
            await text.CompleteAsync(), text.Bytes, job.SegmentCount, request.SegmentsReused, job.ResultsUri);
        await manifests.WriteAsync(summary, parts);
        return summary;
    }
}
