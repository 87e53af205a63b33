using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Caching.Memory;
using PrimeFunctions.Primes;

namespace PrimeFunctions.Storage;

/// <summary>
/// The shared cache of sieved grid segments: wheel bitmaps in the private <c>segments</c> container, and a
/// catalog row per segment in the <c>segments</c> table. Segments are immutable and deterministic, so two
/// jobs that sieve the same one at once both write the same bytes and neither can spoil the other.
/// </summary>
public sealed class SegmentStore
{
    public const string ContainerName = "segments";
    public const string TableName = "segments";

    private readonly BlobContainerClient container;
    private readonly TableClient catalog;
    private readonly Lazy<Task> created;

    // Paging through a job reads the same segment many times in a row; a few recent ones stay in memory.
    private readonly MemoryCache recent = new(new MemoryCacheOptions { SizeLimit = 64L << 20 });

    public SegmentStore(StorageAccount account)
    {
        container = account.Blobs.GetBlobContainerClient(ContainerName);
        catalog = account.Tables.GetTableClient(TableName);
        created = new Lazy<Task>(() => Task.WhenAll(
            container.CreateIfNotExistsAsync(PublicAccessType.None),
            catalog.CreateIfNotExistsAsync()));
    }

    public Task EnsureCreatedAsync() => created.Value;

    public async Task<SegmentRecord?> FindAsync(ulong width, long index, CancellationToken cancellationToken = default)
    {
        await EnsureCreatedAsync();
        var row = await catalog.GetEntityIfExistsAsync<SegmentRecord>(
            SegmentRecord.PartitionFor(width), SegmentRecord.RowFor(index), cancellationToken: cancellationToken);
        return row.HasValue ? row.Value : null;
    }

    /// <summary>The catalog rows of segments <paramref name="first"/> to <paramref name="last"/>, in order, in one query.</summary>
    public async Task<IReadOnlyList<SegmentRecord>> FindRangeAsync(ulong width, long first, long last, CancellationToken cancellationToken = default)
    {
        var records = await FindPresentAsync(width, first, last, cancellationToken);
        if (records.Count != last - first + 1)
        {
            throw new InvalidOperationException($"Only {records.Count} of segments {first}..{last} (width {width}) are in the catalog.");
        }

        return records;
    }

    /// <summary>The catalog rows that exist among segments <paramref name="first"/> to <paramref name="last"/>, in order.</summary>
    public async Task<IReadOnlyList<SegmentRecord>> FindPresentAsync(ulong width, long first, long last, CancellationToken cancellationToken = default)
    {
        await EnsureCreatedAsync();
        string partition = SegmentRecord.PartitionFor(width), from = SegmentRecord.RowFor(first), to = SegmentRecord.RowFor(last);
        var records = new List<SegmentRecord>();
        await foreach (var record in catalog.QueryAsync<SegmentRecord>(
            r => r.PartitionKey == partition && r.RowKey.CompareTo(from) >= 0 && r.RowKey.CompareTo(to) <= 0,
            cancellationToken: cancellationToken))
        {
            records.Add(record);
        }

        return records;
    }

    /// <summary>Stores a sieved segment: the blob first, then the catalog row that vouches for it.</summary>
    public async Task<SegmentRecord> SaveAsync(ulong width, long index, WheelBitmap bitmap, string sievedBy, CancellationToken cancellationToken = default)
    {
        await EnsureCreatedAsync();
        var bytes = new byte[bitmap.SerializedLength];
        using (var stream = new MemoryStream(bytes))
        {
            bitmap.WriteTo(stream);
        }

        var blobName = $"w{width}/{SegmentRecord.RowFor(index)}.wheel";
        await container.GetBlobClient(blobName).UploadAsync(new BinaryData(bytes), overwrite: true, cancellationToken);

        var record = new SegmentRecord
        {
            PartitionKey = SegmentRecord.PartitionFor(width),
            RowKey = SegmentRecord.RowFor(index),
            Count = bitmap.Count,
            BlobName = blobName,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes)),
            Bytes = bytes.Length,
            LastUsed = DateTimeOffset.UtcNow,
            SievedBy = sievedBy,
        };
        await catalog.UpsertEntityAsync(record, TableUpdateMode.Replace, cancellationToken);
        return record;
    }

    /// <summary>Marks a catalogued segment as used now, so retention keeps it.</summary>
    public async Task TouchAsync(SegmentRecord record, CancellationToken cancellationToken = default)
    {
        var touch = new TableEntity(record.PartitionKey, record.RowKey) { [nameof(SegmentRecord.LastUsed)] = DateTimeOffset.UtcNow };
        await catalog.UpdateEntityAsync(touch, ETag.All, TableUpdateMode.Merge, cancellationToken);
    }

    /// <summary>Catalogued segments no job has used since <paramref name="cutoff"/>: the ones retention may remove.</summary>
    public async IAsyncEnumerable<SegmentRecord> ListUnusedSinceAsync(
        DateTimeOffset cutoff, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await EnsureCreatedAsync();
        await foreach (var record in catalog.QueryAsync<SegmentRecord>(r => r.LastUsed < cutoff, cancellationToken: cancellationToken))
        {
            yield return record;
        }
    }

    /// <summary>
    /// Removes an unused segment: the catalog row first — only if nobody touched it since it was read, so a job
    /// that has just reused it keeps it — then the blob, only if it has not been rewritten since
    /// <paramref name="cutoff"/> by a job that sieved the segment afresh. Safe to run twice at once.
    /// </summary>
    /// <returns>True when this call removed the catalog row.</returns>
    public async Task<bool> DeleteAsync(SegmentRecord record, DateTimeOffset cutoff, CancellationToken cancellationToken = default)
    {
        try
        {
            var removed = await catalog.DeleteEntityAsync(record.PartitionKey, record.RowKey, record.ETag, cancellationToken);
            if (removed.Status == 404)
            {
                return false;
            }
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            return false;
        }

        try
        {
            await container.GetBlobClient(record.BlobName).DeleteIfExistsAsync(
                conditions: new BlobRequestConditions { IfUnmodifiedSince = cutoff }, cancellationToken: cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            // Sieved again since the cutoff: the blob belongs to a newer catalog row now.
        }

        return true;
    }

    /// <summary>Reads stored segments in order, fetching the next while the caller works on the current one.</summary>
    public async IAsyncEnumerable<WheelBitmap> LoadInOrderAsync(
        IEnumerable<(string BlobName, string Sha256)> blobs, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var pending = blobs.GetEnumerator();
        var next = pending.MoveNext() ? LoadAsync(pending.Current.BlobName, pending.Current.Sha256, cancellationToken) : null;
        while (next is not null)
        {
            var current = await next;
            next = pending.MoveNext() ? LoadAsync(pending.Current.BlobName, pending.Current.Sha256, cancellationToken) : null;
            yield return current;
        }
    }

    /// <summary>Reads a stored segment back, refusing bytes whose digest differs from the catalog's.</summary>
    public async Task<WheelBitmap> LoadAsync(string blobName, string sha256, CancellationToken cancellationToken = default)
    {
        if (recent.TryGetValue(sha256, out WheelBitmap? cached) && cached is not null)
        {
            return cached;
        }

        var content = await container.GetBlobClient(blobName).DownloadContentAsync(cancellationToken);
        var bytes = content.Value.Content.ToMemory();
        var actual = Convert.ToHexStringLower(SHA256.HashData(bytes.Span));
        if (!string.Equals(actual, sha256, StringComparison.Ordinal))
        {
            throw new InvalidDataException($"Segment blob '{blobName}' has digest {actual}, the catalog says {sha256}.");
        }

        var bitmap = WheelBitmap.ReadFrom(bytes.Span);
        recent.Set(sha256, bitmap, new MemoryCacheEntryOptions { Size = bytes.Length });
        return bitmap;
    }
}
