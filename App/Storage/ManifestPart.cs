using Azure;
using Azure.Data.Tables;

namespace PrimeFunctions.Storage;

/// <summary>
/// One row of a job manifest: the part of a stored segment that falls inside the job's range, and how many
/// of the job's primes come before it — so the prime at any offset is one binary search and one blob away.
/// </summary>
public sealed class ManifestPart : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public long SegmentIndex { get; set; }
    public string BlobName { get; set; } = "";
    public string Sha256 { get; set; } = "";
    public string Low { get; set; } = "";
    public string High { get; set; } = "";
    public long Offset { get; set; }
    public long Count { get; set; }

    /// <summary>Where this part's lines start in the job's text form, so a byte range finds its segment at once.</summary>
    public long TextOffset { get; set; }

    /// <summary>The part of <paramref name="segment"/> that [<paramref name="low"/>, <paramref name="high"/>] covers, and where it starts in the job.</summary>
    public static ManifestPart Of(StoredSegment segment, ulong low, ulong high, long count, long offset, long textOffset) => new()
    {
        SegmentIndex = segment.Index,
        BlobName = segment.BlobName,
        Sha256 = segment.Sha256,
        Low = low.ToString(System.Globalization.CultureInfo.InvariantCulture),
        High = high.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Count = count,
        Offset = offset,
        TextOffset = textOffset,
    };

    public ulong LowValue => ulong.Parse(Low, System.Globalization.CultureInfo.InvariantCulture);
    public ulong HighValue => ulong.Parse(High, System.Globalization.CultureInfo.InvariantCulture);
}
