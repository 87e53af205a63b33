using System.Text.Json;
using Azure;
using Azure.Data.Tables;

namespace PrimeFunctions.Storage;

/// <summary>A job's <c>summary</c> row: written last, in one transaction with the merge's claim; the job is complete exactly when it exists.</summary>
public sealed class JobSummaryRecord : ITableEntity
{
    public const string Row = "summary";

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = Row;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    /// <summary>The <see cref="JobSummary"/> as JSON.</summary>
    public string Summary { get; set; } = "";

    public JobSummary Read() => JsonSerializer.Deserialize(Summary, PrimesJsonContext.Default.JobSummary)!;

    public static JobSummaryRecord Of(JobSummary summary) =>
        new() { PartitionKey = summary.Id, Summary = JsonSerializer.Serialize(summary, PrimesJsonContext.Default.JobSummary) };
}
