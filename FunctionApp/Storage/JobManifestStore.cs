using System.Globalization;
using System.Text.Json;
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

    private static string PartRow(int ordinal) => "p" + ordinal.ToString("D10", CultureInfo.InvariantCulture);
}
