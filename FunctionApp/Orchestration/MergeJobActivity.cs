using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;
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
    private const int TextBufferBytes = 1 << 16;

    public override async Task<JobSummary> RunAsync(TaskActivityContext context, MergeRequest request)
    {
        var job = request.Job;
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[TextBufferBytes];
        var parts = new List<ManifestPart>();
        long count = 0, textBytes = 0;
        BigInteger sum = 0;
        ulong? first = null, last = null;

        for (var index = job.FirstSegment; index <= job.LastSegment; index++)
        {
            var record = await segments.FindAsync(job.SegmentWidth, index)
                ?? throw new InvalidOperationException($"Segment {index} of width {job.SegmentWidth} is not in the catalog.");
            var bitmap = await segments.LoadAsync(record.BlobName, record.Sha256);
            var low = Math.Max(job.From, bitmap.Low);
            var high = Math.Min(job.To, bitmap.High);
            var partCount = bitmap.CountRange(low, high);

            if (partCount > 0)
            {
                var before = low == bitmap.Low ? 0 : bitmap.Rank(low - 1);
                first ??= bitmap.PrimeAt(before);
                last = bitmap.PrimeAt(before + partCount - 1);
                sum += (BigInteger)bitmap.Sum(low, high);
                for (var position = low; bitmap.WriteText(ref position, high, buffer) is var written and > 0;)
                {
                    sha.AppendData(buffer, 0, written);
                    textBytes += written;
                }
            }

            parts.Add(new ManifestPart
            {
                SegmentIndex = index,
                BlobName = record.BlobName,
                Sha256 = record.Sha256,
                Low = low.ToString(CultureInfo.InvariantCulture),
                High = high.ToString(CultureInfo.InvariantCulture),
                Offset = count,
                Count = partCount,
            });
            count += partCount;
        }

        var summary = new JobSummary(
            request.JobId, job.From, job.To, count, sum.ToString(CultureInfo.InvariantCulture), first, last,
            Convert.ToHexStringLower(sha.GetHashAndReset()), textBytes, job.SegmentCount, request.SegmentsReused, job.ResultsUri);
        await manifests.WriteAsync(summary, parts);
        return summary;
    }
}
