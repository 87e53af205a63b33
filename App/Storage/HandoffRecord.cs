using System.Globalization;
using Azure;
using Azure.Data.Tables;

namespace PrimeFunctions.Storage;

/// <summary>
/// A hand-off row: one segment of one run of a job, settled — found stored or sieved — with the digest and count it has.
/// Kept in the job's partition of the <c>jobs</c> table (so deleting the job removes them), under row keys
/// <c>h1-{run}-{index}</c>; the <c>1</c> is the version of this row's format.
/// </summary>
public sealed class HandoffRecord : ITableEntity
{
    private const string Prefix = "h1-";

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public long Count { get; set; }
    public string Sha256 { get; set; } = "";
    public bool Reused { get; set; }

    public static string RowFor(string runId, long index) => $"{RunPrefix(runId)}{index.ToString("D20", CultureInfo.InvariantCulture)}";

    /// <summary>What every row of run <paramref name="runId"/> starts with.</summary>
    public static string RunPrefix(string runId) => $"{Prefix}{runId}-";

    public HandedOffSegment Read() =>
        new(long.Parse(RowKey.AsSpan(RowKey.LastIndexOf('-') + 1), CultureInfo.InvariantCulture), Count, Sha256, Reused);

    public static HandoffRecord Of(JobRun run, HandedOffSegment segment) => new()
    {
        PartitionKey = run.JobId,
        RowKey = RowFor(run.RunId, segment.Index),
        Count = segment.Count,
        Sha256 = segment.Sha256,
        Reused = segment.Reused,
    };
}

/// <summary>A segment as a run settled it: its primes, the digest of its stored bytes, and whether the run found it stored rather than sieving it.</summary>
public sealed record HandedOffSegment(long Index, long Count, string Sha256, bool Reused);
