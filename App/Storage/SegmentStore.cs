using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PrimeFunctions.Engine;

namespace PrimeFunctions.Storage;

/// <summary>
/// The shared cache of sieved grid segments, and its one rule: the catalog is a hint, the blob and its digest are the
/// truth. A segment whose blob is missing, short or fails its digest is never fatal: wherever it is read, its row is
/// forgotten (removed on the row's ETag) and the segment sieved again, and the reader carries on with the same bytes
/// it would have had. Segments are immutable and deterministic, so two runs that sieve the same one at once both write
/// the same bytes and neither can spoil the other.
/// </summary>
public sealed class SegmentStore
{
    public const string ContainerName = SegmentBlobs.ContainerName;
    public const string TableName = SegmentCatalog.TableName;

    private readonly SegmentCatalog catalog;
    private readonly SegmentBlobs blobs;
    private readonly SegmentMemory memory;
    private readonly ILogger<SegmentStore> logger;

    public SegmentStore(SegmentCatalog catalog, SegmentBlobs blobs, SegmentMemory memory, ILogger<SegmentStore>? logger = null)
    {
        this.catalog = catalog;
        this.blobs = blobs;
        this.memory = memory;
        this.logger = logger ?? NullLogger<SegmentStore>.Instance;
    }

    /// <summary>A store of its own over <paramref name="account"/>: what a test or a tool that is not the app uses.</summary>
    public SegmentStore(StorageAccount account)
        : this(new SegmentCatalog(account), new SegmentBlobs(account), new SegmentMemory())
    {
    }

    public static string BlobNameFor(ulong width, long index) => SegmentBlobs.NameFor(width, index);

    /// <summary>The grid width in a name <see cref="BlobNameFor"/> made.</summary>
    public static ulong WidthOf(string blobName) => SegmentBlobs.WidthOf(blobName);

    public Task EnsureCreatedAsync() => Task.WhenAll(catalog.EnsureCreatedAsync(), blobs.EnsureCreatedAsync());

    /// <summary>
    /// The catalogued segment, if its row passes <see cref="IsWholeAsync"/>; a row whose blob is gone, short or another
    /// segment's is forgotten, and the segment counts as not sieved. (Its digest is checked when it is read.)
    /// </summary>
    public async Task<SegmentRecord?> FindAsync(ulong width, long index, CancellationToken cancellationToken = default) =>
        await catalog.FindAsync(width, index, cancellationToken) is { } record && await IsWholeAsync(width, index, record, cancellationToken)
            ? record
            : null;

    /// <summary>
    /// True when catalog row <paramref name="record"/> of segment <paramref name="index"/> names the segment's own blob
    /// and that blob is there with the catalogued length — what a row must show before its count is believed without
    /// reading the blob; otherwise the row is forgotten.
    /// </summary>
    public async Task<bool> IsWholeAsync(ulong width, long index, SegmentRecord record, CancellationToken cancellationToken = default)
    {
        if (record.BlobName != BlobNameFor(width, index))
        {
            await ForgetAsync(record, $"its row names blob {record.BlobName}", cancellationToken);
            return false;
        }

        var length = await blobs.LengthAsync(record.BlobName, cancellationToken);
        if (length == record.Bytes)
        {
            return true;
        }

        await ForgetAsync(record, length is null ? "its blob is missing" : $"its blob holds {length} bytes, not {record.Bytes}", cancellationToken);
        return false;
    }

    /// <summary>The catalog rows of segments <paramref name="first"/> to <paramref name="last"/> that exist, by index, in one query.</summary>
    public Task<IReadOnlyDictionary<long, SegmentRecord>> FindRangeAsync(ulong width, long first, long last, CancellationToken cancellationToken = default) =>
        catalog.FindRangeAsync(width, first, last, cancellationToken);

    /// <summary>Records that run <paramref name="runId"/> reused the segment (see <see cref="SegmentCatalog.TouchAsync"/>).</summary>
    public Task<bool> TouchAsync(SegmentRecord record, string runId, CancellationToken cancellationToken = default) =>
        catalog.TouchAsync(record, runId, cancellationToken);

    /// <summary>
    /// Sieves segment <paramref name="index"/> and stores it, for run <paramref name="sievedBy"/> (empty when it is sieved
    /// again where it was read).
    /// </summary>
    public async Task<StoredSegment> SieveAsync(ulong width, long index, string sievedBy, CancellationToken cancellationToken = default)
    {
        var (low, high) = new SegmentGrid(width).Bounds(index);
        var bitmap = SegmentSieve.Sieve(low, high);
        var record = await SaveAsync(width, index, bitmap, sievedBy, cancellationToken);
        return new StoredSegment(index, record.BlobName, record.Sha256, bitmap);
    }

    /// <summary>Stores a sieved segment: the blob first, then the catalog row that vouches for it; one sieved for a run is held here for that run's merge.</summary>
    public async Task<SegmentRecord> SaveAsync(ulong width, long index, WheelBitmap bitmap, string sievedBy, CancellationToken cancellationToken = default)
    {
        var bytes = bitmap.ToStoredBytes();
        var blobName = BlobNameFor(width, index);
        await blobs.UploadAsync(blobName, bytes, cancellationToken);
        var record = new SegmentRecord
        {
            PartitionKey = SegmentRecord.PartitionFor(width),
            RowKey = SegmentRecord.RowFor(index),
            Count = bitmap.Count,
            BlobName = blobName,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes)),
            Bytes = bytes.Length,
            SievedBy = sievedBy,
        };
        await catalog.UpsertAsync(record, cancellationToken);
        if (sievedBy.Length > 0)
        {
            memory.Hold(record.Sha256, bitmap);
        }

        return record;
    }

    /// <summary>Catalogued segments not written or reused since <paramref name="cutoff"/>: the ones retention may remove.</summary>
    public IAsyncEnumerable<SegmentRecord> ListUnusedSinceAsync(DateTimeOffset cutoff, CancellationToken cancellationToken = default) =>
        catalog.ListUntouchedSinceAsync(cutoff, cancellationToken);

    /// <summary>
    /// Removes an unused segment: the catalog row first — only if nobody touched it since it was read, so a run that
    /// has just reused it keeps it — then the blob, only if no run has sieved the segment afresh since the row was
    /// written. Safe to run twice at once.
    /// </summary>
    /// <returns>True when this call removed the catalog row.</returns>
    public async Task<bool> DeleteAsync(SegmentRecord record, CancellationToken cancellationToken = default)
    {
        if (!await catalog.DeleteUnchangedAsync(record, cancellationToken))
        {
            return false;
        }

        if (record.Timestamp is { } written)
        {
            await blobs.DeleteUnlessRewrittenAsync(record.BlobName, written, cancellationToken);
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
    /// a manifest or a hand-off vouches for; null to take the catalog's, or to sieve a segment not stored yet),
    /// otherwise the segment sieved and stored again. Throws <see cref="InvalidDataException"/> only if sieving
    /// again gives other bytes than the digest promised, which no damage to storage can cause.
    /// </summary>
    public async Task<StoredSegment> LoadAsync(ulong width, long index, string? sha256, CancellationToken cancellationToken = default)
    {
        var blobName = BlobNameFor(width, index);
        if (sha256 is not null && memory.Find(sha256) is { } inMemory)
        {
            return new StoredSegment(index, blobName, sha256, inMemory);
        }

        var record = sha256 is null ? await catalog.FindAsync(width, index, cancellationToken) : null;
        var expected = sha256 ?? record?.Sha256;
        if (expected is not null)
        {
            var read = await blobs.ReadAsync(blobName, expected, cancellationToken);
            if (read.Bitmap is { } bitmap)
            {
                memory.Remember(expected, bitmap);
                return new StoredSegment(index, blobName, expected, bitmap);
            }

            record ??= await catalog.FindAsync(width, index, cancellationToken);
            if (record is not null && record.Sha256 == expected)
            {
                await ForgetAsync(record, read.Damage!, cancellationToken);
            }
            else
            {
                logger.LogWarning("Segment {BlobName}: {Damage}; sieving it again.", blobName, read.Damage);
            }
        }

        var sieved = await SieveAsync(width, index, sievedBy: "", cancellationToken);
        if (sha256 is not null && sieved.Sha256 != sha256)
        {
            throw new InvalidDataException($"Segment {blobName} sieved again has digest {sieved.Sha256}, not the {sha256} it was read for.");
        }

        memory.Remember(sieved.Sha256, sieved.Bitmap);
        return sieved;
    }

    /// <summary>Removes the catalog row of a bad segment, unless it changed since it was read (sieved again meanwhile).</summary>
    private async Task ForgetAsync(SegmentRecord record, string damage, CancellationToken cancellationToken)
    {
        logger.LogWarning("Segment {BlobName}: {Damage}; forgetting it, it will be sieved again.", record.BlobName, damage);
        await catalog.DeleteUnchangedAsync(record, cancellationToken);
    }
}

/// <summary>A segment as read from the cache (or sieved again): where it is stored, the digest of its bytes, and its primes.</summary>
public sealed record StoredSegment(long Index, string BlobName, string Sha256, WheelBitmap Bitmap);
