using Azure;
using Azure.Data.Tables;

namespace PrimeFunctions.Storage;

/// <summary>
/// A catalog row: one sieved grid segment whose wheel bitmap is stored, complete, in <see cref="BlobName"/>.
/// The row is written only after the blob, so a row always names a whole blob.
/// </summary>
public sealed class SegmentRecord : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public long Count { get; set; }
    public string BlobName { get; set; } = "";
    public string Sha256 { get; set; } = "";
    public long Bytes { get; set; }
    public DateTimeOffset LastUsed { get; set; }

    /// <summary>
    /// The job that sieved this segment — any other job reused it; empty when it was sieved again where it was read,
    /// or in rows written before this was kept.
    /// </summary>
    public string SievedBy { get; set; } = "";

    /// <summary>When the segment was sieved and stored (null in rows written before this was kept): a job created later reused it.</summary>
    public DateTimeOffset? SievedAt { get; set; }

    /// <summary>True when the segment was stored before <paramref name="jobCreatedAt"/>: that job found it, and did not sieve it.</summary>
    public bool StoredBefore(DateTimeOffset jobCreatedAt) => SievedAt is not { } sieved || sieved < jobCreatedAt;

    public static string PartitionFor(ulong width) => $"w{width}";
    public static string RowFor(long index) => index.ToString("D20", System.Globalization.CultureInfo.InvariantCulture);
}
