using System.Globalization;
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
/// Deletion sticks by run, never by time: deleting a job writes a mark naming the run it deleted (<c>deleted-{run}</c>)
/// before anything else, and work of that run still queued or running — a sieve, a merge — sees the mark and skips. A
/// merge claims the <c>state</c> row (<see cref="JobStateRecord"/>) when it starts, renews the claim as it goes, and
/// writes the summary in one transaction with that claim, on the claim's ETag: a deletion also rewrites the state row,
/// so if the job was deleted meanwhile the ETag changed and the summary is never written. The same partition holds the
/// run's sieve→merge hand-off rows (<see cref="SegmentHandoff"/>).
/// </remarks>
public sealed class JobManifestStore
{
    public const string TableName = "jobs";
    private const string SummaryRow = JobSummaryRecord.Row;
    private const string StateRow = JobStateRecord.Row;
    private const string DeletionMarkPrefix = "deleted-";
    private const int MaxBatch = 100;

    // Most manifest parts held in memory at once (a part is about 200 bytes), and how long a manifest stays there:
    // a delete made by another instance of the app reaches this one's memory only when that time runs out.
    private const long CachedParts = 100_000;
    private static readonly TimeSpan CacheLifetime = TimeSpan.FromMinutes(5);

    private readonly TableClient table;
    private readonly CreatedOnce created;

    // A completed job's manifest never changes, so once read it is answered from memory: a JSON page then costs one
    // segment read instead of a query over every part. A delete evicts it, and a read that overlapped a delete is
    // not cached (the deletion counter moved), so a deleted job never comes back from here.
    private readonly MemoryCache completed = new(new MemoryCacheOptions { SizeLimit = CachedParts });
    private readonly Lock cacheGate = new();
    private long deletions;

    public JobManifestStore(StorageAccount account)
    {
        table = account.Tables.GetTableClient(TableName);
        created = new CreatedOnce(() => table.CreateIfNotExistsAsync());
    }

    public Task EnsureCreatedAsync() => created.EnsureAsync();

    /// <summary>
    /// A completed job's manifest, from memory when it was read before; null while the job is not complete. Its parts
    /// are verified before it is returned or kept (<see cref="ManifestVerifier"/>): parts that do not tile the range or
    /// add up to the summary throw <see cref="BrokenManifestException"/>, and nothing is served from them.
    /// </summary>
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
        if (ManifestVerifier.FindFault(summary, manifest.Parts) is { } fault)
        {
            throw new BrokenManifestException(summary, manifest.Parts, fault);
        }

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
        var row = await table.GetEntityIfExistsAsync<JobSummaryRecord>(jobId, SummaryRow, cancellationToken: cancellationToken);
        return row is { HasValue: true, Value: { } record } ? record.Read() : null;
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
    /// Puts back the parts of a completed job's manifest, rebuilt from its segments, in place of whatever rows are
    /// there (rows past the last part go). Only while the summary is still <paramref name="summary"/>: false when the
    /// job was deleted or merged again meanwhile, and then nothing of the rebuilt parts is left behind.
    /// </summary>
    public async Task<bool> RestorePartsAsync(JobSummary summary, IReadOnlyList<ManifestPart> parts, CancellationToken cancellationToken = default)
    {
        var deletionsBefore = Volatile.Read(ref deletions);
        var stale = (await ReadPartsAsync(summary.Id, cancellationToken)).Select(p => p.RowKey).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < parts.Count; i++)
        {
            (parts[i].PartitionKey, parts[i].RowKey) = (summary.Id, PartRow(i));
            stale.Remove(parts[i].RowKey);
        }

        foreach (var chunk in parts.Chunk(MaxBatch))
        {
            await table.SubmitTransactionAsync(
                chunk.Select(p => new TableTransactionAction(TableTransactionActionType.UpsertReplace, p)), cancellationToken);
        }

        foreach (var row in stale)
        {
            await table.DeleteEntityAsync(summary.Id, row, ETag.All, cancellationToken);
        }

        var now = await FindSummaryAsync(summary.Id, cancellationToken);
        if (now is null)
        {
            // Deleted while the parts were written: remove them again, as the delete did what was there before.
            await DeleteAsync(summary.Id, cancellationToken: cancellationToken);
        }

        return now == summary && Volatile.Read(ref deletions) == deletionsBefore;
    }

    /// <summary>The job's state row, or null before any merge or deletion wrote one.</summary>
    public async Task<JobStateRecord?> ReadStateAsync(string jobId, CancellationToken cancellationToken = default)
    {
        await EnsureCreatedAsync();
        var state = await table.GetEntityIfExistsAsync<JobStateRecord>(jobId, StateRow, cancellationToken: cancellationToken);
        return state.HasValue ? state.Value : null;
    }

    /// <summary>
    /// Claims the job for a merge of <paramref name="run"/>, on the state row as <paramref name="basis"/> read it (null: no
    /// row yet): null when the row changed since — another merge renewed or took its claim, or a deletion came.
    /// </summary>
    public async Task<MergeClaim?> ClaimForMergeAsync(JobRun run, JobStateRecord? basis, CancellationToken cancellationToken = default)
    {
        await EnsureCreatedAsync();
        var claim = JobStateRecord.For(run, JobPhase.Merging);
        try
        {
            var written = basis is not null
                ? await table.UpdateEntityAsync(claim, basis.ETag, TableUpdateMode.Replace, cancellationToken)
                : await table.AddEntityAsync(claim, cancellationToken);
            return new MergeClaim(run, written.Headers.ETag!.Value);
        }
        catch (RequestFailedException e) when (e.Status is 404 or 409 or 412)
        {
            return null;
        }
    }

    /// <summary>
    /// Records how many segments a merge has read, on its claim: a renewed claim to go on with, or null when the state row
    /// changed meanwhile (a deletion, or another merge that took the job over) — the merge no longer holds the job.
    /// </summary>
    public async Task<MergeClaim?> ReportMergedAsync(MergeClaim claim, long segmentsMerged, CancellationToken cancellationToken = default)
    {
        try
        {
            var written = await table.UpdateEntityAsync(
                JobStateRecord.For(claim.Run, JobPhase.Merging, segmentsMerged), claim.ETag, TableUpdateMode.Replace, cancellationToken);
            return claim with { ETag = written.Headers.ETag!.Value };
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            return null;
        }
    }

    /// <summary>How many segments the job's merge has read so far (0 before it starts).</summary>
    public async Task<long> ReadMergedAsync(string jobId, CancellationToken cancellationToken = default) =>
        (await ReadStateAsync(jobId, cancellationToken))?.SegmentsMerged ?? 0;

    /// <summary>True when <paramref name="run"/> was deleted: its remaining work is moot.</summary>
    public async Task<bool> IsDeletedAsync(JobRun run, CancellationToken cancellationToken = default)
    {
        await EnsureCreatedAsync();
        var mark = await table.GetEntityIfExistsAsync<TableEntity>(run.JobId, DeletionMarkPrefix + run.RunId, ["RowKey"], cancellationToken);
        return mark.HasValue;
    }

    /// <summary>
    /// Marks <paramref name="run"/> deleted: its work skips from here on, and — the state row rewritten, so any claim on it
    /// is void — no merge holding the job can complete it.
    /// </summary>
    public async Task MarkDeletedAsync(JobRun run, CancellationToken cancellationToken = default)
    {
        await EnsureCreatedAsync();
        await table.UpsertEntityAsync(new TableEntity(run.JobId, DeletionMarkPrefix + run.RunId), TableUpdateMode.Replace, cancellationToken);
        await table.UpsertEntityAsync(JobStateRecord.For(run, JobPhase.Deleted), TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>
    /// Writes a job's manifest: its parts in batches, then — in one transaction with the merge's claim, so only
    /// if the job has not been deleted since the claim — the summary row that completes it.
    /// </summary>
    /// <returns>False when the merge no longer held the job (deleted, or taken over) and the summary was not written.</returns>
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

        try
        {
            await table.SubmitTransactionAsync(
                [
                    new TableTransactionAction(TableTransactionActionType.UpdateReplace, JobStateRecord.For(claim.Run, JobPhase.Completed), claim.ETag),
                    new TableTransactionAction(TableTransactionActionType.UpsertReplace, JobSummaryRecord.Of(summary)),
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
            e => e.PartitionKey == jobId && (e.RowKey == SummaryRow || (e.RowKey.CompareTo("p") >= 0 && e.RowKey.CompareTo("q") < 0)),
            maxPerPage: 1, select: ["RowKey"], cancellationToken: cancellationToken))
        {
            return true;
        }

        return false;
    }

    /// <summary>
    /// Removes a job's manifest and hand-off rows: the summary row first, so the job stops being complete before any part
    /// goes. Rows already gone (another delete or a retention sweep got there first) are not an error. Deletion marks
    /// (and a state row that records a deletion) stay unless <paramref name="includingDeletionMark"/>: retention removes
    /// them once no work of the job can be left.
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
            var isMark = row.RowKey.StartsWith(DeletionMarkPrefix, StringComparison.Ordinal)
                || (row.RowKey == StateRow && row.GetString(nameof(JobStateRecord.State)) == "deleted");
            if (includingDeletionMark || !isMark)
            {
                rows.Add(row);
            }
        }

        foreach (var row in rows)
        {
            await table.DeleteEntityAsync(jobId, row.RowKey, ETag.All, cancellationToken);
        }

        Evict(jobId);
        return summary.Status != 404 || rows.Any(r => r.RowKey != StateRow && !r.RowKey.StartsWith(DeletionMarkPrefix, StringComparison.Ordinal));
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

    /// <summary>
    /// Jobs with a row written before <paramref name="cutoff"/>, by the storage service's own timestamp: the manifests
    /// retention removes. (The cutoff is the sweeping worker's time less the retention age; a skew of minutes only moves
    /// which sweep takes a job.)
    /// </summary>
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

    internal static string PartRow(int ordinal) => "p" + ordinal.ToString("D10", CultureInfo.InvariantCulture);
}

/// <summary>A merge's claim on a job: the run it merges, and the ETag of the job's state row as the merge last wrote it.</summary>
public sealed record MergeClaim(JobRun Run, ETag ETag);
