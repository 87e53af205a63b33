using Azure;
using Azure.Data.Tables;

namespace PrimeFunctions.Storage;

/// <summary>
/// A catalog row: one sieved grid segment whose wheel bitmap is stored, complete, in <see cref="BlobName"/>.
/// The row is written only after the blob, so a row always names a whole blob. Its <see cref="Timestamp"/>, set by the
/// storage service on every write or touch, is the one clock retention reads.
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

    /// <summary>The run that sieved this segment (any other run that finds it reused it); empty when it was sieved again where it was read.</summary>
    public string SievedBy { get; set; } = "";

    /// <summary>The run that last found this segment and reused it; the touch also moves <see cref="Timestamp"/>, which keeps it from retention.</summary>
    public string LastUsedBy { get; set; } = "";

    public static string PartitionFor(ulong width) => $"w{width}";
    public static string RowFor(long index) => index.ToString("D20", System.Globalization.CultureInfo.InvariantCulture);
}
