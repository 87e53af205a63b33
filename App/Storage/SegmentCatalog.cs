using System.Globalization;
using Azure;
using Azure.Data.Tables;

namespace PrimeFunctions.Storage;

/// <summary>
/// The <c>segments</c> table: a row per stored segment, saying where its blob is and the digest its bytes must have.
/// A hint, not the truth — <see cref="SegmentStore"/> checks the blob before it trusts a row.
/// </summary>
public sealed class SegmentCatalog
{
    public const string TableName = "segments";

    private readonly TableClient table;
    private readonly CreatedOnce created;

    public SegmentCatalog(StorageAccount account)
    {
        table = account.Tables.GetTableClient(TableName);
        created = new CreatedOnce(() => table.CreateIfNotExistsAsync());
    }

    public Task EnsureCreatedAsync() => created.EnsureAsync();

    public async Task<SegmentRecord?> FindAsync(ulong width, long index, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync();
        var row = await table.GetEntityIfExistsAsync<SegmentRecord>(
            SegmentRecord.PartitionFor(width), SegmentRecord.RowFor(index), cancellationToken: cancellationToken);
        return row.HasValue ? row.Value : null;
    }

    /// <summary>The rows of segments <paramref name="first"/> to <paramref name="last"/> that exist, by index, in one query.</summary>
    public async Task<IReadOnlyDictionary<long, SegmentRecord>> FindRangeAsync(ulong width, long first, long last, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync();
        string partition = SegmentRecord.PartitionFor(width), from = SegmentRecord.RowFor(first), to = SegmentRecord.RowFor(last);
        var records = new Dictionary<long, SegmentRecord>();
        await foreach (var record in table.QueryAsync<SegmentRecord>(
            r => r.PartitionKey == partition && r.RowKey.CompareTo(from) >= 0 && r.RowKey.CompareTo(to) <= 0,
            cancellationToken: cancellationToken))
        {
            records[long.Parse(record.RowKey, CultureInfo.InvariantCulture)] = record;
        }

        return records;
    }

    public async Task UpsertAsync(SegmentRecord record, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync();
        await table.UpsertEntityAsync(record, TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>
    /// Records that <paramref name="runId"/> reused the segment, which also moves the row's service-set timestamp so
    /// retention keeps it (retention removes a row only on the ETag it read, which this changes); false when the row has
    /// gone meanwhile. Unconditional: runs reusing one segment at once all touch it, and none should take another's
    /// touch for a change of the segment.
    /// </summary>
    public async Task<bool> TouchAsync(SegmentRecord record, string runId, CancellationToken cancellationToken)
    {
        var touch = new TableEntity(record.PartitionKey, record.RowKey) { [nameof(SegmentRecord.LastUsedBy)] = runId };
        try
        {
            await table.UpdateEntityAsync(touch, ETag.All, TableUpdateMode.Merge, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return false;
        }
    }

    /// <summary>
    /// Rows not written or touched since <paramref name="cutoff"/>, by the storage service's own timestamp. The cutoff
    /// comes from the sweeping worker's clock: a skew of minutes against a retention age of hours or days changes only
    /// which sweep removes a segment, and the removal itself is conditional on the row's ETag.
    /// </summary>
    public async IAsyncEnumerable<SegmentRecord> ListUntouchedSinceAsync(
        DateTimeOffset cutoff, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync();
        await foreach (var record in table.QueryAsync<SegmentRecord>(r => r.Timestamp < cutoff, cancellationToken: cancellationToken))
        {
            yield return record;
        }
    }

    /// <summary>Removes a row unless it changed since it was read (touched, or sieved again meanwhile); true when this call removed it.</summary>
    public async Task<bool> DeleteUnchangedAsync(SegmentRecord record, CancellationToken cancellationToken)
    {
        try
        {
            var removed = await table.DeleteEntityAsync(record.PartitionKey, record.RowKey, record.ETag, cancellationToken);
            return removed.Status != 404;
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            return false;
        }
    }
}
