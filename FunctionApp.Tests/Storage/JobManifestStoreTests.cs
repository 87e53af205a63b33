using PrimeFunctions.Orchestration;
using PrimeFunctions.Storage;
using PrimeFunctions.Tests.Fixtures;

namespace PrimeFunctions.Tests.Storage;

/// <summary>Job manifests against a real Azurite.</summary>
[Collection(Serial.Name)]
public sealed class JobManifestStoreTests(AzuriteFixture emulator) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task A_job_without_a_summary_row_is_not_complete()
    {
        Assert.Null(await new JobManifestStore(emulator.Storage).FindSummaryAsync("primes-manifest-none"));
    }

    [Fact]
    public async Task A_written_manifest_reads_back_its_summary_and_its_parts_in_order()
    {
        var store = new JobManifestStore(emulator.Storage);
        var id = "primes-manifest-" + Guid.NewGuid().ToString("N");
        var parts = Enumerable.Range(0, 230)
            .Select(i => new ManifestPart { SegmentIndex = i, BlobName = $"b{i}", Sha256 = "00", Low = $"{i * 10}", High = $"{i * 10 + 9}", Offset = i * 2, Count = 2 })
            .ToList();
        var summary = new JobSummary(id, 0, 2299, 460, "1234", 2, 2297, "ab", 999, 230, 3);

        var claim = await store.ClaimForMergeAsync(id, DateTimeOffset.UtcNow);
        Assert.True(await store.WriteAsync(claim!, summary, parts));

        Assert.Equal(summary, await store.FindSummaryAsync(id));
        var read = await store.ReadPartsAsync(id);
        Assert.Equal(parts.Select(p => p.SegmentIndex), read.Select(p => p.SegmentIndex));
        Assert.Equal(parts.Select(p => p.Offset), read.Select(p => p.Offset));
    }

    [Fact]
    public async Task A_merge_that_claimed_a_job_before_it_was_deleted_cannot_complete_it()
    {
        var store = new JobManifestStore(emulator.Storage);
        var id = "primes-manifest-" + Guid.NewGuid().ToString("N");
        var createdAt = DateTimeOffset.UtcNow;
        var claim = await store.ClaimForMergeAsync(id, createdAt);
        Assert.NotNull(claim);

        await store.MarkDeletedAsync(id);
        await store.DeleteAsync(id);

        Assert.False(await store.WriteAsync(claim, Summary(id), []));
        Assert.Null(await store.FindSummaryAsync(id));
        Assert.True(await store.IsDeletedAsync(id, createdAt));
        Assert.Null(await store.ClaimForMergeAsync(id, createdAt));
    }

    [Fact]
    public async Task A_job_asked_for_again_after_a_delete_is_not_deleted_and_merges()
    {
        var store = new JobManifestStore(emulator.Storage);
        var id = "primes-manifest-" + Guid.NewGuid().ToString("N");
        await store.MarkDeletedAsync(id);
        await Task.Delay(10);

        var createdAgain = DateTimeOffset.UtcNow;
        Assert.False(await store.IsDeletedAsync(id, createdAgain));
        var claim = await store.ClaimForMergeAsync(id, createdAgain);
        Assert.True(await store.WriteAsync(claim!, Summary(id), []));
        Assert.NotNull(await store.FindSummaryAsync(id));
    }

    [Fact]
    public async Task Deleting_a_manifest_keeps_the_deletion_mark_until_retention_removes_it()
    {
        var store = new JobManifestStore(emulator.Storage);
        var id = "primes-manifest-" + Guid.NewGuid().ToString("N");
        var createdAt = DateTimeOffset.UtcNow;
        Assert.True(await store.WriteAsync((await store.ClaimForMergeAsync(id, createdAt))!, Summary(id), []));

        await store.MarkDeletedAsync(id);
        Assert.True(await store.DeleteAsync(id));
        Assert.False(await store.HasManifestAsync(id));
        Assert.True(await store.IsDeletedAsync(id, createdAt));

        await store.DeleteAsync(id, includingDeletionMark: true);
        Assert.False(await store.IsDeletedAsync(id, createdAt));
    }

    [Fact]
    public async Task A_completed_manifest_is_answered_from_memory_until_the_job_is_deleted()
    {
        var store = new JobManifestStore(emulator.Storage);
        var id = "primes-manifest-" + Guid.NewGuid().ToString("N");
        var summary = new JobSummary(id, 0, 9, 4, "17", 2, 7, "cd", 8, 1, 0);
        await store.WriteAsync((await store.ClaimForMergeAsync(id, DateTimeOffset.UtcNow))!, summary, [new ManifestPart { SegmentIndex = 0, BlobName = SegmentStore.BlobNameFor(30, 0), Sha256 = "00", Low = "0", High = "9", Offset = 0, Count = 4 }]);
        Assert.Equal(summary, (await store.FindCompletedAsync(id))?.Summary);

        // Another instance of the app removes the rows: this one still answers from memory, without reading them.
        await new JobManifestStore(emulator.Storage).DeleteAsync(id);
        Assert.Equal(summary, (await store.FindCompletedAsync(id))?.Summary);

        await store.DeleteAsync(id);
        Assert.Null(await store.FindCompletedAsync(id));
    }

    private static JobSummary Summary(string id) => new(id, 0, 10, 4, "17", 2, 7, "ab", 8, 1, 0);
}
