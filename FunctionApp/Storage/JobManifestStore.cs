using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using PrimeFunctions.Orchestration;

namespace PrimeFunctions.Storage;

/// <summary>
/// Job manifests in the <c>jobs</c> table, one partition per job: a row per segment part, then a
/// <c>summary</c> row written last. A job is complete exactly when its summary row exists, so a crash while
/// merging leaves a job that is simply not finished yet, never a half-written result.
/// </summary>
public sealed class JobManifestStore
{
    public const string TableName = "jobs";
    private const string SummaryRow = "summary";
    private const int MaxBatch = 100;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly TableClient table;
    private readonly Lazy<Task> created;

    public JobManifestStore(StorageAccount account)
    {
        table = account.Tables.GetTableClient(TableName);
        created = new Lazy<Task>(() => table.CreateIfNotExistsAsync());
    }

    public Task EnsureCreatedAsync() => created.Value;

    public async Task<JobSummary?> FindSummaryAsync(string jobId, CancellationToken cancellationToken = default)
    {
        await EnsureCreatedAsync();
        var row = await table.GetEntityIfExistsAsync<TableEntity>(jobId, SummaryRow, cancellationToken: cancellationToken);
        return row is { HasValue: true, Value: { } entity } ? JsonSerializer.Deserialize<JobSummary>(entity.GetString("Summary"), Json) : null;
    }

    public async Task<IReadOnlyList<ManifestPart>> ReadPartsAsync(string jobId, CancellationToken cancellationToken = default)
    {
        await EnsureCreatedAsync();
        var parts = new List<ManifestPart>();
        await foreach (var part in table.QueryAsync<ManifestPart>(
            p => p.PartitionKey == jobId && p.RowKey.CompareTo("p") >= 0 && p.RowKey.CompareTo("q") < 0,
            cancellationToken: cancellationToken))
        {
            parts.Add(part);
        }

        return parts;
    }

    /// <summary>Writes a job's manifest: its parts in batches, then the summary row that completes it.</summary>
    public async Task WriteAsync(JobSummary summary, IReadOnlyList<ManifestPart> parts, CancellationToken cancellationToken = default)
    {
        await EnsureCreatedAsync();
        for (var i = 0; i < parts.Count; i++)
        {
            parts[i].PartitionKey = summary.Id;
            parts[i].RowKey = PartRow(i);
        }

        foreach (var chunk in parts.Chunk(MaxBatch))
        {
            await table.SubmitTransactionAsync(
                chunk.Select(p => new TableTransactionAction(TableTransactionActionType.UpsertReplace, p)), cancellationToken);
        }

        var row = new TableEntity(summary.Id, SummaryRow) { ["Summary"] = JsonSerializer.Serialize(summary, Json) };
        await table.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>
    /// Removes a job's manifest: the summary row first, so the job stops being complete before any part goes.
    /// Rows already gone (another delete or a retention sweep got there first) are not an error.
    /// </summary>
    /// <returns>True when the job had any manifest row.</returns>
    public async Task<bool> DeleteAsync(string jobId, CancellationToken cancellationToken = default)
    {
        await EnsureCreatedAsync();
        var summary = await table.DeleteEntityAsync(jobId, SummaryRow, ETag.All, cancellationToken);
        var rows = new List<string>();
        await foreach (var row in table.QueryAsync<TableEntity>(e => e.PartitionKey == jobId, select: ["RowKey"], cancellationToken: cancellationToken))
        {
            rows.Add(row.RowKey);
        }

        foreach (var rowKey in rows)
        {
            await table.DeleteEntityAsync(jobId, rowKey, ETag.All, cancellationToken);
        }

        return summary.Status != 404 || rows.Count > 0;
    }

    /// <summary>Jobs with a manifest row written before <paramref name="cutoff"/>: the manifests retention removes.</summary>
    public async Task<IReadOnlyCollection<string>> ListWrittenBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken = default)
    {
        await EnsureCreatedAsync();
        var jobs = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var row in table.QueryAsync<TableEntity>(e => e.Timestamp < cutoff, select: ["PartitionKey"], cancellationToken: cancellationToken))
        {
            jobs.Add(row.PartitionKey);
        }

        return jobs;
    }

    /// <summary>Every segment blob some manifest still reads from: retention must not remove these.</summary>
    public async Task<IReadOnlySet<string>> ReferencedBlobNamesAsync(CancellationToken cancellationToken = default)
    {
        await EnsureCreatedAsync();
        var names = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var part in table.QueryAsync<TableEntity>(
            p => p.RowKey.CompareTo("p") >= 0 && p.RowKey.CompareTo("q") < 0, select: [nameof(ManifestPart.BlobName)], cancellationToken: cancellationToken))
        {
            names.Add(part.GetString(nameof(ManifestPart.BlobName)));
        }

        return names;
    }

    private static string PartRow(int ordinal) => "p" + ordinal.ToString("D10", CultureInfo.InvariantCulture);
}
