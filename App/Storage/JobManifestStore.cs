using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Caching.Memory;

namespace PrimeFunctions.Storage;

/// <summary>
/// Job manifests in the <c>jobs</c> table, one partition per job: a row per segment part, then a
/// <c>summary</c> row written last. A job is complete exactly when its summary row exists, so a crash while
/// merging leaves a job that is simply not finished yet, never a half-written result.
/// </summary>
/// <remarks>
/// A <c>state</c> row makes deletion stick. Deleting a job marks it deleted (with the time) before anything else;
/// work of that job still queued or running — a sieve, a merge — sees the mark and skips. A merge claims the state
/// row when it starts, and writes the summary in one transaction with that claim, on the claim's ETag: if the job
/// was deleted meanwhile, the mark changed the ETag and the summary is never written.
/// </remarks>
public sealed class JobManifestStore
{
    public const string TableName = "jobs";
    private const string SummaryRow = "summary";
    private const string StateRow = "state";
    private const string Deleted = "deleted";
    private const int MaxBatch = 100;

    private static readonly JsonSerializerOptions Json = UtcTimeJsonConverter.AddTo(new(JsonSerializerDefaults.Web));

    // Most manifest parts held in memory at once (a part is about 200 bytes), and how long a manifest stays there:
    // a delete made by another instance of the app reaches this one's memory only when that time runs out.
    private const long CachedParts = 100_000;
    private static readonly TimeSpan CacheLifetime = TimeSpan.FromMinutes(5);

    private readonly TableClient table;
    private readonly Lazy<Task> created;

    // A completed job's manifest never changes, so once read it is answered from memory: a JSON page then costs one
    // segment read instead of a query over every part. A delete evicts it, and a read that overlapped a delete is
    // not cached (the deletion counter moved), so a deleted job never comes back from here.
    private readonly MemoryCache completed = new(new MemoryCacheOptions { SizeLimit = CachedParts });
    private readonly Lock cacheGate = new();
    private long deletions;

    public JobManifestStore(StorageAccount account)
    {
        table = account.Tables.GetTableClient(TableName);
        created = new Lazy<Task>(() => table.CreateIfNotExistsAsync());
    }

    public Task EnsureCreatedAsync() => created.Value;

    /// <summary>A completed job's manifest, from memory when it was read before; null while the job is not complete.</summary>
    public async Task<JobManifest?> FindCompletedAsync(string jobId, CancellationToken cancellationToken = default)
    {
        if (completed.TryGetValue(jobId, out JobManifest? cached))
        {
            return cached;
        }

        var deletionsBefore = Volatile.Read(ref deletions);
        if (await FindSummaryAsync(jobId, cancellationToken) is not { } summary)
        {
            return null;
        }

        var manifest = new JobManifest(summary, await ReadPartsAsync(jobId, cancellationToken));
        lock (cacheGate)
        {
            if (deletions == deletionsBefore)
            {
                completed.Set(jobId, manifest, new MemoryCacheEntryOptions { Size = manifest.Parts.Count + 1, AbsoluteExpirationRelativeToNow = CacheLifetime });
            }
        }

        return manifest;
    }

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

    /// <summary>
    /// Claims the job for a merge, unless it was deleted at or after <paramref name="createdAt"/>: null then, and
    /// the merge must not run.
    /// </summary>
    public async Task<MergeClaim?> ClaimForMergeAsync(string jobId, DateTimeOffset createdAt, CancellationToken cancellationToken = default)
    {
        var state = await ReadStateAsync(jobId, cancellationToken);
        if (state is not null && IsDeletion(state, createdAt))
        {
            return null;
        }

        var claim = new TableEntity(jobId, StateRow) { ["State"] = "merging" };
        try
        {
            var written = state is not null
                ? await table.UpdateEntityAsync(claim, state.ETag, TableUpdateMode.Replace, cancellationToken)
                : await table.AddEntityAsync(claim, cancellationToken);
            return new MergeClaim(jobId, written.Headers.ETag!.Value);
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            // Deleted (or claimed by another merge) between the read and the write: let the other writer win.
            return null;
        }
    }

    /// <summary>
    /// Records how many segments a merge has read, on its claim: a new claim to go on with, or null when the job was
    /// deleted (or claimed again) meanwhile — the merge should stop.
    /// </summary>
    public async Task<MergeClaim?> ReportMergedAsync(MergeClaim claim, long segmentsMerged, CancellationToken cancellationToken = default)
    {
        var progress = new TableEntity(claim.JobId, StateRow) { ["State"] = "merging", ["SegmentsMerged"] = segmentsMerged };
        try
        {
            var written = await table.UpdateEntityAsync(progress, claim.ETag, TableUpdateMode.Replace, cancellationToken);
            return claim with { ETag = written.Headers.ETag!.Value };
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            return null;
        }
    }

    /// <summary>How many segments the job's merge has read so far (0 before it starts).</summary>
    public async Task<long> ReadMergedAsync(string jobId, CancellationToken cancellationToken = default) =>
        (await ReadStateAsync(jobId, cancellationToken))?.GetInt64("SegmentsMerged") ?? 0;

    /// <summary>True when the job was deleted at or after <paramref name="createdAt"/>: its remaining work is moot.</summary>
    public async Task<bool> IsDeletedAsync(string jobId, DateTimeOffset createdAt, CancellationToken cancellationToken = default) =>
        await ReadStateAsync(jobId, cancellationToken) is { } state && IsDeletion(state, createdAt);

    private async Task<TableEntity?> ReadStateAsync(string jobId, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync();
        var state = await table.GetEntityIfExistsAsync<TableEntity>(jobId, StateRow, cancellationToken: cancellationToken);
        return state.HasValue ? state.Value : null;
    }

    /// <summary>Marks the job deleted now: from here on, no merge of a job created before now can complete it.</summary>
    public async Task MarkDeletedAsync(string jobId, CancellationToken cancellationToken = default)
    {
        await EnsureCreatedAsync();
        var mark = new TableEntity(jobId, StateRow) { ["State"] = Deleted, ["DeletedAt"] = DateTimeOffset.UtcNow };
        await table.UpsertEntityAsync(mark, TableUpdateMode.Replace, cancellationToken);
    }

    private static bool IsDeletion(TableEntity state, DateTimeOffset createdAt) =>
        state.GetString("State") == Deleted && state.GetDateTimeOffset("DeletedAt") >= createdAt;

    /// <summary>
    /// Writes a job's manifest: its parts in batches, then — in one transaction with the merge's claim, so only
    /// if the job has not been deleted since the claim — the summary row that completes it.
    /// </summary>
    /// <returns>False when the job was deleted meanwhile and the summary was not written.</returns>
    public async Task<bool> WriteAsync(MergeClaim claim, JobSummary summary, IReadOnlyList<ManifestPart> parts, CancellationToken cancellationToken = default)
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
        var completed = new TableEntity(summary.Id, StateRow) { ["State"] = "completed" };
        try
        {
            await table.SubmitTransactionAsync(
                [
                    new TableTransactionAction(TableTransactionActionType.UpdateReplace, completed, claim.ETag),
                    new TableTransactionAction(TableTransactionActionType.UpsertReplace, row),
                ],
                cancellationToken);
            return true;
        }
        catch (TableTransactionFailedException e) when (e.Status is 404 or 412)
        {
            return false;
        }
    }

    /// <summary>True when the job has a summary or any part of a manifest.</summary>
    public async Task<bool> HasManifestAsync(string jobId, CancellationToken cancellationToken = default)
    {
        await EnsureCreatedAsync();
        await foreach (var row in table.QueryAsync<TableEntity>(
            e => e.PartitionKey == jobId && e.RowKey != StateRow, maxPerPage: 1, select: ["RowKey"], cancellationToken: cancellationToken))
        {
            return true;
        }

        return false;
    }

    /// <summary>
    /// Removes a job's manifest: the summary row first, so the job stops being complete before any part goes.
    /// Rows already gone (another delete or a retention sweep got there first) are not an error. A deletion mark
    /// stays unless <paramref name="includingDeletionMark"/>: retention removes it once no work of the job can be left.
    /// </summary>
    /// <returns>True when the job had any manifest row.</returns>
    public async Task<bool> DeleteAsync(string jobId, bool includingDeletionMark = false, CancellationToken cancellationToken = default)
    {
        await EnsureCreatedAsync();
        Evict(jobId);
        var summary = await table.DeleteEntityAsync(jobId, SummaryRow, ETag.All, cancellationToken);
        var rows = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>(e => e.PartitionKey == jobId, select: ["RowKey", "State"], cancellationToken: cancellationToken))
        {
            if (includingDeletionMark || row.RowKey != StateRow || row.GetString("State") != Deleted)
            {
                rows.Add(row);
            }
        }

        foreach (var row in rows)
        {
            await table.DeleteEntityAsync(jobId, row.RowKey, ETag.All, cancellationToken);
        }

        Evict(jobId);
        return summary.Status != 404 || rows.Any(r => r.RowKey != StateRow);
    }

    /// <summary>Drops a job's cached manifest, and keeps any read already under way from caching what it found.</summary>
    private void Evict(string jobId)
    {
        lock (cacheGate)
        {
            deletions++;
            completed.Remove(jobId);
        }
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

/// <summary>A merge's claim on a job: the ETag of the job's state row when the merge started.</summary>
public sealed record MergeClaim(string JobId, ETag ETag);
