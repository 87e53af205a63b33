using Azure.Storage.Blobs.Models;
using PrimeFunctions.Primes;
using PrimeFunctions.Storage;
using PrimeFunctions.Tests.Fixtures;

namespace PrimeFunctions.Tests.Storage;

/// <summary>The segment cache against a real Azurite.</summary>
[Collection(ServiceCollection.Name)]
public sealed class SegmentStoreTests(ServiceFixture service)
{
    // A width no other test uses keeps these rows apart from the end-to-end tests' segments.
    private const ulong Width = 77_777;

    [Fact]
    public async Task A_saved_segment_is_found_in_the_catalog_and_loads_back_with_the_same_primes()
    {
        var store = new SegmentStore(service.Storage);
        var bitmap = SegmentSieve.Sieve(Width * 5, Width * 6 - 1);
        await store.SaveAsync(Width, 5, bitmap, "primes-test");

        var record = await store.FindAsync(Width, 5);
        Assert.NotNull(record);
        Assert.Equal(NaivePrimes.PrimesIn(Width * 5, Width * 6 - 1).Count, record.Count);
        var loaded = await new SegmentStore(service.Storage).LoadAsync(record.BlobName, record.Sha256);
        Assert.Equal(bitmap.Count, loaded.Count);
        Assert.Equal(bitmap.PrimeAt(bitmap.Count - 1), loaded.PrimeAt(loaded.Count - 1));
    }

    [Fact]
    public async Task An_unknown_segment_is_not_in_the_catalog()
    {
        Assert.Null(await new SegmentStore(service.Storage).FindAsync(Width, 123_456));
    }

    [Fact]
    public async Task A_segment_blob_whose_bytes_changed_is_refused()
    {
        var store = new SegmentStore(service.Storage);
        var record = await store.SaveAsync(Width, 9, SegmentSieve.Sieve(Width * 9, Width * 10 - 1), "primes-test");
        var blob = service.Storage.Blobs.GetBlobContainerClient(SegmentStore.ContainerName).GetBlobClient(record.BlobName);
        var bytes = (await blob.DownloadContentAsync()).Value.Content.ToArray();
        bytes[^1] ^= 0x10;
        await blob.UploadAsync(new BinaryData(bytes), overwrite: true);

        await Assert.ThrowsAsync<InvalidDataException>(() => new SegmentStore(service.Storage).LoadAsync(record.BlobName, record.Sha256));
    }

    [Fact]
    public async Task The_segment_container_is_private()
    {
        var store = new SegmentStore(service.Storage);
        await store.EnsureCreatedAsync();
        var policy = await service.Storage.Blobs.GetBlobContainerClient(SegmentStore.ContainerName).GetAccessPolicyAsync();
        Assert.Equal(PublicAccessType.None, policy.Value.BlobPublicAccess);
    }
}
