using PrimeFunctions.Orchestration;
using PrimeFunctions.Storage;
using PrimeFunctions.Tests.Fixtures;

namespace PrimeFunctions.Tests.Storage;

/// <summary>Job manifests against a real Azurite.</summary>
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
        var run = NewRun();
        var parts = Enumerable.Range(0, 230)
            .Select(i => new ManifestPart { SegmentIndex = i, BlobName = $"b{i}", Sha256 = "00", Low = $"{i * 10}", High = $"{i * 10 + 9}", Offset = i * 2, Count = 2 })
            .ToList();
        var summary = new JobSummary(run.JobId, 0, 2299, 460, "1234", 2, 2297, "ab", 999, 230, 3);

        var claim = await store.ClaimForMergeAsync(run, basis: null);
        Assert.True(await store.WriteAsync(claim!, summary, parts));

        Assert.Equal(summary, await store.FindSummaryAsync(run.JobId));
        var read = await store.ReadPartsAsync(run.JobId);
        Assert.Equal(parts.Select(p => p.SegmentIndex), read.Select(p => p.SegmentIndex));
        Assert.Equal(parts.Select(p => p.Offset), read.Select(p => p.Offset));
        Assert.Equal(JobPhase.Completed, (await store.ReadStateAsync(run.JobId))?.Phase);
    }

    [Fact]
    public async Task A_merge_that_claimed_a_run_before_it_was_deleted_cannot_complete_it()
    {
        var store = new JobManifestStore(emulator.Storage);
        var run = NewRun();
        var claim = await store.ClaimForMergeAsync(run, basis: null);
        Assert.NotNull(claim);

        await store.MarkDeletedAsync(run);
        await store.DeleteAsync(run.JobId);

        Assert.False(await store.WriteAsync(claim, Summary(run.JobId), []));
        Assert.Null(await store.FindSummaryAsync(run.JobId));
        Assert.True(await store.IsDeletedAsync(run));
    }

    [Fact]
    public async Task A_deletion_names_its_run_so_a_new_run_of_the_job_is_not_deleted_and_merges()
    {
        var store = new JobManifestStore(emulator.Storage);
        var deleted = NewRun();
        await store.MarkDeletedAsync(deleted);

        var again = deleted with { RunId = Guid.NewGuid().ToString("N") };
        Assert.False(await store.IsDeletedAsync(again));
        var claim = await store.ClaimForMergeAsync(again, await store.ReadStateAsync(again.JobId));
        Assert.True(await store.WriteAsync(claim!, Summary(again.JobId), []));
        Assert.NotNull(await store.FindSummaryAsync(again.JobId));
        Assert.True(await store.IsDeletedAsync(deleted));
    }

    [Fact]
    public async Task A_merge_whose_claim_a_twin_took_over_loses_it_and_the_run_is_not_deleted()
    {
        var store = new JobManifestStore(emulator.Storage);
        var run = NewRun();
        var first = await store.ClaimForMergeAsync(run, basis: null);
        var twin = await store.ClaimForMergeAsync(run, await store.ReadStateAsync(run.JobId));
        Assert.NotNull(twin);

        Assert.Null(await store.ReportMergedAsync(first!, 3));
        Assert.False(await store.WriteAsync(first!, Summary(run.JobId), []));
        Assert.False(await store.IsDeletedAsync(run));
        Assert.True(await store.WriteAsync(twin, Summary(run.JobId), []));
    }

    [Fact]
    public async Task A_claim_read_before_another_merge_renewed_it_cannot_be_taken()
    {
        var store = new JobManifestStore(emulator.Storage);
        var run = NewRun();
        var holder = await store.ClaimForMergeAsync(run, basis: null);
        var seen = await store.ReadStateAsync(run.JobId);
        Assert.NotNull(await store.ReportMergedAsync(holder!, 1));

        Assert.Null(await store.ClaimForMergeAsync(run, seen));
        Assert.Equal(1, await store.ReadMergedAsync(run.JobId));
    }

    [Fact]
    public async Task Deleting_a_manifest_keeps_the_deletion_mark_until_retention_removes_it()
    {
        var store = new JobManifestStore(emulator.Storage);
        var run = NewRun();
        Assert.True(await store.WriteAsync((await store.ClaimForMergeAsync(run, basis: null))!, Summary(run.JobId), []));

        await store.MarkDeletedAsync(run);
        Assert.True(await store.DeleteAsync(run.JobId));
        Assert.False(await store.HasManifestAsync(run.JobId));
        Assert.True(await store.IsDeletedAsync(run));

        await store.DeleteAsync(run.JobId, includingDeletionMark: true);
        Assert.False(await store.IsDeletedAsync(run));
    }

    [Fact]
    public async Task A_completed_manifest_is_answered_from_memory_until_the_job_is_deleted()
    {
        var store = new JobManifestStore(emulator.Storage);
        var run = NewRun();
        var id = run.JobId;
        var summary = new JobSummary(id, 0, 9, 4, "17", 2, 7, "cd", 8, 1, 0);
        await store.WriteAsync((await store.ClaimForMergeAsync(run, basis: null))!, summary, [new ManifestPart { SegmentIndex = 0, BlobName = SegmentStore.BlobNameFor(30, 0), Sha256 = "00", Low = "0", High = "9", Offset = 0, Count = 4 }]);
        Assert.Equal(summary, (await store.FindCompletedAsync(id))?.Summary);

        // Another instance of the app removes the rows: this one still answers from memory, without reading them.
        await new JobManifestStore(emulator.Storage).DeleteAsync(id);
        Assert.Equal(summary, (await store.FindCompletedAsync(id))?.Summary);

        await store.DeleteAsync(id);
        Assert.Null(await store.FindCompletedAsync(id));
    }

    private static JobRun NewRun() => new("primes-manifest-" + Guid.NewGuid().ToString("N"), Guid.NewGuid().ToString("N"));

    private static JobSummary Summary(string id) => new(id, 0, 10, 4, "17", 2, 7, "ab", 8, 1, 0);
}
