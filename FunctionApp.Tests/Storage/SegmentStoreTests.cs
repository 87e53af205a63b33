using System.Security.Cryptography;
using Azure.Storage.Blobs.Models;
using PrimeFunctions.Engine;
using PrimeFunctions.Storage;
using PrimeFunctions.Tests.Fixtures;

namespace PrimeFunctions.Tests.Storage;

/// <summary>The segment cache against a real Azurite.</summary>
public sealed class SegmentStoreTests(AzuriteFixture emulator) : IClassFixture<AzuriteFixture>
{
    private const ulong Width = 77_777;

    [Fact]
    public async Task A_saved_segment_is_found_in_the_catalog_and_loads_back_with_the_same_primes()
    {
        var store = new SegmentStore(emulator.Storage);
        var bitmap = SegmentSieve.Sieve(Width * 5, Width * 6 - 1);
        await store.SaveAsync(Width, 5, bitmap, "primes-test");

        var record = await store.FindAsync(Width, 5);
        Assert.NotNull(record);
        Assert.Equal(NaivePrimes.PrimesIn(Width * 5, Width * 6 - 1).Count, record.Count);
        var loaded = (await new SegmentStore(emulator.Storage).LoadAsync(Width, 5, record.Sha256)).Bitmap;
        Assert.Equal(bitmap.Count, loaded.Count);
        Assert.Equal(bitmap.PrimeAt(bitmap.Count - 1), loaded.PrimeAt(loaded.Count - 1));
    }

    [Fact]
    public async Task An_unknown_segment_is_not_in_the_catalog()
    {
        Assert.Null(await new SegmentStore(emulator.Storage).FindAsync(Width, 123_456));
    }

    [Fact]
    public async Task A_segment_blob_whose_bytes_changed_is_sieved_again_when_read()
    {
        var store = new SegmentStore(emulator.Storage);
        var record = await store.SaveAsync(Width, 9, SegmentSieve.Sieve(Width * 9, Width * 10 - 1), "primes-test");
        var blob = Blob(record.BlobName);
        var bytes = (await blob.DownloadContentAsync()).Value.Content.ToArray();
        bytes[^1] ^= 0x10;
        await blob.UploadAsync(new BinaryData(bytes), overwrite: true);

        var loaded = await new SegmentStore(emulator.Storage).LoadAsync(Width, 9, record.Sha256);

        AssertHoldsPrimesOf(loaded.Bitmap, 9);
        Assert.Equal(record.Sha256, loaded.Sha256);
        Assert.Equal(record.Sha256, Convert.ToHexStringLower(SHA256.HashData((await blob.DownloadContentAsync()).Value.Content.ToArray())));
    }

    [Fact]
    public async Task A_segment_blob_that_vanished_is_sieved_again_when_read()
    {
        var store = new SegmentStore(emulator.Storage);
        var record = await store.SaveAsync(Width, 11, SegmentSieve.Sieve(Width * 11, Width * 12 - 1), "primes-test");
        await Blob(record.BlobName).DeleteAsync();

        var loaded = await new SegmentStore(emulator.Storage).LoadAsync(Width, 11, record.Sha256);

        AssertHoldsPrimesOf(loaded.Bitmap, 11);
        Assert.True((await Blob(record.BlobName).ExistsAsync()).Value);
        Assert.Equal(record.Sha256, (await store.FindAsync(Width, 11))?.Sha256);
    }

    [Fact]
    public async Task A_catalog_row_whose_blob_is_missing_is_forgotten_and_not_reused()
    {
        var store = new SegmentStore(emulator.Storage);
        var record = await store.SaveAsync(Width, 13, SegmentSieve.Sieve(Width * 13, Width * 14 - 1), "primes-test");
        await Blob(record.BlobName).DeleteAsync();

        Assert.Null(await store.FindAsync(Width, 13));
        var row = await emulator.Storage.Tables.GetTableClient(SegmentStore.TableName)
            .GetEntityIfExistsAsync<SegmentRecord>(record.PartitionKey, record.RowKey);
        Assert.False(row.HasValue);
    }

    [Fact]
    public async Task A_catalog_row_whose_blob_is_short_is_not_reused()
    {
        var store = new SegmentStore(emulator.Storage);
        var record = await store.SaveAsync(Width, 15, SegmentSieve.Sieve(Width * 15, Width * 16 - 1), "primes-test");
        var bytes = (await Blob(record.BlobName).DownloadContentAsync()).Value.Content.ToArray();
        await Blob(record.BlobName).UploadAsync(new BinaryData(bytes[..(bytes.Length / 2)]), overwrite: true);

        Assert.Null(await store.FindAsync(Width, 15));
    }

    [Fact]
    public async Task A_segment_neither_catalogued_nor_stored_is_sieved_and_stored_when_read()
    {
        var loaded = await new SegmentStore(emulator.Storage).LoadAsync(Width, 17, sha256: null);

        AssertHoldsPrimesOf(loaded.Bitmap, 17);
        Assert.Equal(loaded.Sha256, (await new SegmentStore(emulator.Storage).FindAsync(Width, 17))?.Sha256);
    }

    [Fact]
    public async Task Every_segment_sieved_here_for_a_job_is_read_from_memory_even_past_the_read_cache()
    {
        // 120 segments of 2.5·10^7: 100 MB of bitmaps, more than the 64 MB the store keeps of segments it has read.
        const ulong wide = 25_000_000;
        const int count = 120;
        var store = new SegmentStore(emulator.Storage);
        var saved = new List<SegmentRecord>();
        for (var index = 0; index < count; index++)
        {
            saved.Add(await store.SaveAsync(wide, index, SegmentSieve.Sieve(wide * (ulong)index, wide * (ulong)(index + 1) - 1), "primes-test"));
        }

        // With the blobs gone, a segment the store had to fetch would be sieved again and stored anew.
        foreach (var record in saved)
        {
            await Blob(record.BlobName).DeleteAsync();
        }

        long primes = 0;
        for (var index = 0; index < count; index++)
        {
            var loaded = await store.LoadAsync(wide, index, saved[index].Sha256);
            Assert.Equal(saved[index].Count, loaded.Bitmap.Count);
            primes += loaded.Bitmap.Count;
        }

        Assert.Equal(144_449_537, primes); // π(3·10^9)
        var container = emulator.Storage.Blobs.GetBlobContainerClient(SegmentStore.ContainerName);
        await foreach (var blob in container.GetBlobsAsync(BlobTraits.None, BlobStates.None, $"w{wide}/", default))
        {
            Assert.Fail($"{blob.Name} was stored again: the store fetched a segment it had sieved itself.");
        }
    }

    private static void AssertHoldsPrimesOf(WheelBitmap bitmap, long index)
    {
        var expected = NaivePrimes.PrimesIn(Width * (ulong)index, Width * (ulong)(index + 1) - 1);
        Assert.Equal(expected.Count, bitmap.Count);
        Assert.Equal(expected, Enumerable.Range(0, expected.Count).Select(i => bitmap.PrimeAt(i)));
    }

    private Azure.Storage.Blobs.BlobClient Blob(string name) =>
        emulator.Storage.Blobs.GetBlobContainerClient(SegmentStore.ContainerName).GetBlobClient(name);

    [Fact]
    public async Task The_segment_container_is_private()
    {
        var store = new SegmentStore(emulator.Storage);
        await store.EnsureCreatedAsync();
        var policy = await emulator.Storage.Blobs.GetBlobContainerClient(SegmentStore.ContainerName).GetAccessPolicyAsync();
        Assert.Equal(PublicAccessType.None, policy.Value.BlobPublicAccess);
    }
}
