using System.Runtime.Serialization;
using Azure;
using Azure.Data.Tables;

namespace PrimeFunctions.Storage;

/// <summary>
/// A job's <c>state</c> row: which run last merged, completed or was deleted, and how far a merge has read. A merge
/// holds the job by this row's ETag; a merge that renews its claim changes the ETag, so a waiting twin sees it alive.
/// </summary>
public sealed class JobStateRecord : ITableEntity
{
    public const string Row = "state";

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = Row;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    /// <summary>The phase as stored: the lower-case name of a <see cref="JobPhase"/>.</summary>
    public string State { get; set; } = "";
    public string RunId { get; set; } = "";
    public long SegmentsMerged { get; set; }

    [IgnoreDataMember]
    public JobPhase? Phase
    {
        get => Enum.TryParse<JobPhase>(State, ignoreCase: true, out var phase) ? phase : null;
        set => State = value?.ToString().ToLowerInvariant() ?? "";
    }

    public static JobStateRecord For(JobRun run, JobPhase phase, long segmentsMerged = 0) =>
        new() { PartitionKey = run.JobId, RunId = run.RunId, Phase = phase, SegmentsMerged = segmentsMerged };
}
