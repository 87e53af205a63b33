using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PrimeFunctions.Engine;

namespace PrimeFunctions.Storage;

/// <summary>
/// The shared cache of sieved grid segments: wheel bitmaps in the private <c>segments</c> container, and a
/// catalog row per segment in the <c>segments</c> table. Segments are immutable and deterministic, so two
/// jobs that sieve the same one at once both write the same bytes and neither can spoil the other.
/// </summary>
/// <remarks>
/// The catalog is a hint; the blob and its digest are the truth. A segment whose blob is missing, short or fails
/// its digest is never fatal: wherever it is read, it is forgotten (its row removed, on the row's ETag) and sieved
/// again, and the reader carries on with the same bytes it would have had.
/// </remarks>
public sealed class SegmentStore
{
    public const string ContainerName = "segments";
    public const string TableName = "segments";

    private readonly BlobContainerClient container;
    private readonly TableClient catalog;
    private readonly ILogger<SegmentStore> logger;
    private readonly Lazy<Task> created;

    // Paging through a job reads the same segment many times in a row; a few recent ones stay in memory.
    private readonly MemoryCache recent = new(new MemoryCacheOptions { SizeLimit = 64L << 20 });

    // Segments this process has just sieved for a job, held until a merge reads them: sieves run ahead of the merge, and
    // downloading and verifying what was sieved here would cost the merge about as much as rendering it. Held ones are
    // never evicted for newer ones — the merge reads in grid order, so the oldest are needed first — and a segment that
    // does not fit is left for the merge to download; one that no merge here takes (it ran on another instance) expires.
    private static readonly TimeSpan HeldFor = TimeSpan.FromMinutes(5);
    private readonly MemoryCache sievedHere = new(new MemoryCacheOptions { SizeLimit = HoldBudget() });
    private readonly ConcurrentDictionary<string, Lazy<Task<(WheelBitmap?, string?)>>> loading = new(StringComparer.Ordinal);

    // A merge waiting for a segment is woken as soon as this process stores or touches it, and reads its row then;
    // it looks on its own, this often, only for segments other instances sieve.
    private static readonly TimeSpan RowPollInterval = TimeSpan.FromMilliseconds(250);
    private readonly ConcurrentDictionary<(string Partition, string Row), TaskCompletionSource> rowWaiters = new();

    public SegmentStore(StorageAccount account, ILogger<SegmentStore>? logger = null)
    {
        container = account.Blobs.GetBlobContainerClient(ContainerName);
        catalog = account.Tables.GetTableClient(TableName);
        this.logger = logger ?? NullLogger<SegmentStore>.Instance;
        created = new Lazy<Task>(() => Task.WhenAll(
            container.CreateIfNotExistsAsync(PublicAccessType.None),
            catalog.CreateIfNotExistsAsync()));
    }

    public Task EnsureCreatedAsync() => created.Value;

    public static string BlobNameFor(ulong width, long index) => $"w{width}/{SegmentRecord.RowFor(index)}.wheel";

    /// <summary>The grid width in a name <see cref="BlobNameFor"/> made.</summary>
    public static ulong WidthOf(string blobName) =>
        ulong.Parse(blobName.AsSpan(1, blobName.IndexOf('/') - 1), provider: System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// The catalogued segment, if its blob is there with the catalogued length; a row whose blob is gone or
    /// short is forgotten, and the segment counts as not sieved. (Its digest is checked when it is read.)
    /// </summary>
    public async Task<SegmentRecord?> FindAsync(ulong width, long index, CancellationToken cancellationToken = default)
    {
        await EnsureCreatedAsync();
        if (await FindRowAsync(width, index, cancellationToken) is not { } record)
        {
            return null;
        }

        long? length;
        try
        {
            length = (await container.GetBlobClient(record.BlobName).GetPropertiesAsync(cancellationToken: cancellationToken)).Value.ContentLength;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            length = null;
        }

        if (length == record.Bytes)
        {
            return record;
        }

        await ForgetAsync(record, length is null ? "its blob is missing" : $"its blob holds {length} bytes, not {record.Bytes}", cancellationToken);
        return null;
    }

    /// <summary>The catalog rows of segments <paramref name="first"/> to <paramref name="last"/> that exist, by index, in one query.</summary>
    public async Task<IReadOnlyDictionary<long, SegmentRecord>> FindRangeAsync(ulong width, long first, long last, CancellationToken cancellationToken = default)
    {
        await EnsureCreatedAsync();
        string partition = SegmentRecord.PartitionFor(width), from = SegmentRecord.RowFor(first), to = SegmentRecord.RowFor(last);
        var records = new Dictionary<long, SegmentRecord>();
        await foreach (var record in catalog.QueryAsync<SegmentRecord>(
            r => r.PartitionKey == partition && r.RowKey.CompareTo(from) >= 0 && r.RowKey.CompareTo(to) <= 0,
            cancellationToken: cancellationToken))
        {
            records[long.Parse(record.RowKey, System.Globalization.CultureInfo.InvariantCulture)] = record;
        }

        return records;
    }

    /// <summary>Sieves segment <paramref name="index"/> and stores it, for job <paramref name="sievedBy"/> (empty when it is read, not for a job).</summary>
    public async Task<StoredSegment> SieveAsync(ulong width, long index, string sievedBy, CancellationToken cancellationToken = default)
    {
        var (low, high) = new SegmentGrid(width).Bounds(index);
        var bitmap = SegmentSieve.Sieve(low, high);
        var record = await SaveAsync(width, index, bitmap, sievedBy, cancellationToken);
        return new StoredSegment(index, record.BlobName, record.Sha256, bitmap);
    }

    /// <summary>Stores a sieved segment: the blob first, then the catalog row that vouches for it.</summary>
    public async Task<SegmentRecord> SaveAsync(ulong width, long index, WheelBitmap bitmap, string sievedBy, CancellationToken cancellationToken = default)
    {
        await EnsureCreatedAsync();
        var bytes = bitmap.ToStoredBytes();

        var blobName = BlobNameFor(width, index);
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
            SievedAt = DateTimeOffset.UtcNow,
        };
        await catalog.UpsertEntityAsync(record, TableUpdateMode.Replace, cancellationToken);
        WakeRowWaiters(record.PartitionKey, record.RowKey);

        if (sievedBy.Length > 0)
        {
            sievedHere.Set(record.Sha256, bitmap, new MemoryCacheEntryOptions
            {
                Size = bytes.Length,
                Priority = CacheItemPriority.NeverRemove,
                AbsoluteExpirationRelativeToNow = HeldFor,
            });
        }

        return record;
    }

    /// <summary>Memory for segments sieved here and not merged yet: a quarter of what this process may use, at most 512 MiB.</summary>
    private static long HoldBudget() => Math.Min(512L << 20, GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 4);

    /// <summary>
    /// The catalog row of a segment as soon as it has been used since <paramref name="usedSince"/> — stored, or
    /// found and touched, by a sieve that started after then; null when none has within <paramref name="patience"/>.
    /// </summary>
    public async Task<SegmentRecord?> WaitForRowAsync(
        ulong width, long index, DateTimeOffset usedSince, TimeSpan patience, CancellationToken cancellationToken = default)
    {
        await EnsureCreatedAsync();
        var key = (SegmentRecord.PartitionFor(width), SegmentRecord.RowFor(index));
        for (var waited = System.Diagnostics.Stopwatch.StartNew(); ;)
        {
            var woken = rowWaiters.GetOrAdd(key, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            var row = await FindRowAsync(width, index, cancellationToken);
            var used = row is not null && row.LastUsed >= usedSince;
            if (used || waited.Elapsed >= patience)
            {
                rowWaiters.TryRemove(KeyValuePair.Create(key, woken));
                return used ? row : null;
            }

            await Task.WhenAny(woken.Task, Task.Delay(RowPollInterval, cancellationToken));
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    private void WakeRowWaiters(string partition, string row)
    {
        if (rowWaiters.TryRemove((partition, row), out var waiters))
        {
            waiters.TrySetResult();
        }
    }

    /// <summary>
    /// Marks a catalogued segment as used now, so retention keeps it (retention removes a row only on the ETag it read,
    /// which this changes); false when the row has gone meanwhile. Unconditional: jobs reusing one segment at once all
    /// touch it, and none of them should take another's touch for a change of the segment.
    /// </summary>
    public async Task<bool> TouchAsync(SegmentRecord record, CancellationToken cancellationToken = default)
    {
        var touch = new TableEntity(record.PartitionKey, record.RowKey) { [nameof(SegmentRecord.LastUsed)] = DateTimeOffset.UtcNow };
        try
        {
            await catalog.UpdateEntityAsync(touch, ETag.All, TableUpdateMode.Merge, cancellationToken);
            WakeRowWaiters(record.PartitionKey, record.RowKey);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return false;
        }
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

    /// <summary>Reads segments in order, fetching the next while the caller works on the current one.</summary>
    public async IAsyncEnumerable<StoredSegment> LoadInOrderAsync(
        ulong width, IEnumerable<(long Index, string? Sha256)> segments, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var pending = segments.GetEnumerator();
        var next = pending.MoveNext() ? LoadAsync(width, pending.Current.Index, pending.Current.Sha256, cancellationToken) : null;
        while (next is not null)
        {
            var current = await next;
            next = pending.MoveNext() ? LoadAsync(width, pending.Current.Index, pending.Current.Sha256, cancellationToken) : null;
            yield return current;
        }
    }

    /// <summary>
    /// Reads segment <paramref name="index"/>: the stored bytes when they match <paramref name="sha256"/> (the digest
    /// a manifest or the catalog vouches for; null to take the catalog's, or to sieve a segment not stored yet),
    /// otherwise the segment sieved and stored again. Throws <see cref="InvalidDataException"/> only if sieving
    /// again gives other bytes than the digest promised, which no damage to storage can cause.
    /// </summary>
    public async Task<StoredSegment> LoadAsync(ulong width, long index, string? sha256, CancellationToken cancellationToken = default)
    {
        var blobName = BlobNameFor(width, index);
        if (sha256 is not null && sievedHere.TryGetValue(sha256, out WheelBitmap? held) && held is not null)
        {
            sievedHere.Remove(sha256);
            Remember(sha256, held);
            return new StoredSegment(index, blobName, sha256, held);
        }

        if (sha256 is not null && recent.TryGetValue(sha256, out WheelBitmap? cached) && cached is not null)
        {
            return new StoredSegment(index, blobName, sha256, cached);
        }

        await EnsureCreatedAsync();
        var record = sha256 is null ? await FindRowAsync(width, index, cancellationToken) : null;
        var expected = sha256 ?? record?.Sha256;
        if (expected is not null)
        {
            var (bitmap, damage) = await ReadAsync(blobName, expected, cancellationToken);
            if (bitmap is not null)
            {
                return new StoredSegment(index, blobName, expected, bitmap);
            }

            record ??= await FindRowAsync(width, index, cancellationToken);
            if (record is not null && record.Sha256 == expected)
            {
                await ForgetAsync(record, damage!, cancellationToken);
            }
            else
            {
                logger.LogWarning("Segment {BlobName}: {Damage}; sieving it again.", blobName, damage);
            }
        }

        var sieved = await SieveAsync(width, index, sievedBy: "", cancellationToken);
        if (sha256 is not null && sieved.Sha256 != sha256)
        {
            throw new InvalidDataException($"Segment {blobName} sieved again has digest {sieved.Sha256}, not the {sha256} it was read for.");
        }

        Remember(sieved.Sha256, sieved.Bitmap);
        return sieved;
    }

    /// <summary>The stored bitmap if the blob is there, whole, with digest <paramref name="sha256"/>; otherwise what is wrong with it.</summary>
    /// <remarks>
    /// Callers that ask for the same segment while it downloads share that one download: under load, many pages of a
    /// job start at once and would otherwise each fetch the same megabytes. The shared download runs to its end even
    /// if the caller that began it goes away, since the others still wait on it.
    /// </remarks>
    private Task<(WheelBitmap? Bitmap, string? Damage)> ReadAsync(string blobName, string sha256, CancellationToken cancellationToken) =>
        loading.GetOrAdd(sha256, _ => new Lazy<Task<(WheelBitmap?, string?)>>(() => DownloadAsync(blobName, sha256))).Value.WaitAsync(cancellationToken);

    private async Task<(WheelBitmap? Bitmap, string? Damage)> DownloadAsync(string blobName, string sha256)
    {
        try
        {
            return await DownloadVerifiedAsync(blobName, sha256);
        }
        finally
        {
            loading.TryRemove(sha256, out _);
        }
    }

    private async Task<(WheelBitmap? Bitmap, string? Damage)> DownloadVerifiedAsync(string blobName, string sha256)
    {
        BinaryData content;
        try
        {
            content = (await container.GetBlobClient(blobName).DownloadContentAsync(CancellationToken.None)).Value.Content;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return (null, "its blob is missing");
        }

        var actual = Convert.ToHexStringLower(SHA256.HashData(content.ToMemory().Span));
        if (!string.Equals(actual, sha256, StringComparison.Ordinal))
        {
            return (null, $"its blob has digest {actual}, not {sha256}");
        }

        var bitmap = WheelBitmap.ReadFrom(content.ToMemory().Span);
        Remember(sha256, bitmap);
        return (bitmap, null);
    }

    /// <summary>Keeps a segment just read among the recent ones, for the pages that read it next.</summary>
    private void Remember(string sha256, WheelBitmap bitmap) =>
        recent.Set(sha256, bitmap, new MemoryCacheEntryOptions { Size = bitmap.SerializedLength });

    private async Task<SegmentRecord?> FindRowAsync(ulong width, long index, CancellationToken cancellationToken)
    {
        var row = await catalog.GetEntityIfExistsAsync<SegmentRecord>(
            SegmentRecord.PartitionFor(width), SegmentRecord.RowFor(index), cancellationToken: cancellationToken);
        return row.HasValue ? row.Value : null;
    }

    /// <summary>Removes the catalog row of a bad segment, unless it changed since it was read (sieved again meanwhile).</summary>
    private async Task ForgetAsync(SegmentRecord record, string damage, CancellationToken cancellationToken)
    {
        logger.LogWarning("Segment {BlobName}: {Damage}; forgetting it, it will be sieved again.", record.BlobName, damage);
        try
        {
            await catalog.DeleteEntityAsync(record.PartitionKey, record.RowKey, record.ETag, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
        }
    }
}

/// <summary>A segment as read from the cache (or sieved again): where it is stored, the digest of its bytes, and its primes.</summary>
public sealed record StoredSegment(long Index, string BlobName, string Sha256, WheelBitmap Bitmap);
