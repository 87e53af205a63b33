using System.Collections.Concurrent;
using System.Security.Cryptography;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using PrimeFunctions.Engine;

namespace PrimeFunctions.Storage;

/// <summary>
/// The private <c>segments</c> container: a segment's wheel bitmap per blob, read back only when its bytes have the
/// digest the caller expects. Callers that ask for the same segment while it downloads share that one download: under
/// load, many pages of a job start at once and would otherwise each fetch the same megabytes.
/// </summary>
public sealed class SegmentBlobs
{
    public const string ContainerName = "segments";

    private readonly BlobContainerClient container;
    private readonly CreatedOnce created;
    private readonly ConcurrentDictionary<string, Lazy<Task<VerifiedRead>>> loading = new(StringComparer.Ordinal);

    public SegmentBlobs(StorageAccount account)
    {
        container = account.Blobs.GetBlobContainerClient(ContainerName);
        created = new CreatedOnce(() => container.CreateIfNotExistsAsync(PublicAccessType.None));
    }

    public Task EnsureCreatedAsync() => created.EnsureAsync();

    public static string NameFor(ulong width, long index) => $"w{width}/{SegmentRecord.RowFor(index)}.wheel";

    /// <summary>The grid width in a name <see cref="NameFor"/> made.</summary>
    public static ulong WidthOf(string blobName) =>
        ulong.Parse(blobName.AsSpan(1, blobName.IndexOf('/') - 1), provider: System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The blob's length, or null when it is not there.</summary>
    public async Task<long?> LengthAsync(string blobName, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync();
        try
        {
            return (await container.GetBlobClient(blobName).GetPropertiesAsync(cancellationToken: cancellationToken)).Value.ContentLength;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    public async Task UploadAsync(string blobName, byte[] bytes, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync();
        await container.GetBlobClient(blobName).UploadAsync(new BinaryData(bytes), overwrite: true, cancellationToken);
    }

    /// <summary>
    /// Removes a blob unless it was written after <paramref name="rowWritten"/> — the service-set timestamp of the catalog
    /// row that named it, so both times come from the storage service — by a run that sieved the segment afresh. The
    /// condition travels in whole seconds, so it is given a second's grace: a blob rewritten within it is removed, and its
    /// row is then forgotten and the segment sieved again when next found, like any missing blob.
    /// </summary>
    public async Task DeleteUnlessRewrittenAsync(string blobName, DateTimeOffset rowWritten, CancellationToken cancellationToken)
    {
        try
        {
            await container.GetBlobClient(blobName).DeleteIfExistsAsync(
                conditions: new BlobRequestConditions { IfUnmodifiedSince = rowWritten.AddSeconds(1) }, cancellationToken: cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            // Sieved again since: the blob belongs to a newer catalog row now.
        }
    }

    /// <summary>The stored bitmap if the blob is there, whole, with digest <paramref name="sha256"/>; otherwise what is wrong with it.</summary>
    /// <remarks>The shared download runs to its end even if the caller that began it goes away, since the others still wait on it.</remarks>
    public async Task<VerifiedRead> ReadAsync(string blobName, string sha256, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync().WaitAsync(cancellationToken);
        return await loading.GetOrAdd(sha256, _ => new Lazy<Task<VerifiedRead>>(() => DownloadAsync(blobName, sha256))).Value.WaitAsync(cancellationToken);
    }

    private async Task<VerifiedRead> DownloadAsync(string blobName, string sha256)
    {
        try
        {
            BinaryData content;
            try
            {
                content = (await container.GetBlobClient(blobName).DownloadContentAsync(CancellationToken.None)).Value.Content;
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                return new VerifiedRead(null, "its blob is missing");
            }

            var actual = Convert.ToHexStringLower(SHA256.HashData(content.ToMemory().Span));
            return string.Equals(actual, sha256, StringComparison.Ordinal)
                ? new VerifiedRead(WheelBitmap.ReadFrom(content.ToMemory().Span), null)
                : new VerifiedRead(null, $"its blob has digest {actual}, not {sha256}");
        }
        finally
        {
            loading.TryRemove(sha256, out _);
        }
    }
}

/// <summary>A blob read against its digest: the bitmap when the bytes matched, otherwise what was wrong.</summary>
public sealed record VerifiedRead(WheelBitmap? Bitmap, string? Damage);
