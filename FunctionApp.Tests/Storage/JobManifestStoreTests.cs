using PrimeFunctions.Orchestration;
using PrimeFunctions.Storage;
using PrimeFunctions.Tests.Fixtures;

namespace PrimeFunctions.Tests.Storage;

/// <summary>Job manifests against a real Azurite.</summary>
[Collection(ServiceCollection.Name)]
public sealed class JobManifestStoreTests(ServiceFixture service)
{
    [Fact]
    public async Task A_job_without_a_summary_row_is_not_complete()
    {
        Assert.Null(await new JobManifestStore(service.Storage).FindSummaryAsync("primes-manifest-none"));
    }

    [Fact]
    public async Task A_written_manifest_reads_back_its_summary_and_its_parts_in_order()
    {
        var store = new JobManifestStore(service.Storage);
        var id = "primes-manifest-" + Guid.NewGuid().ToString("N");
        var parts = Enumerable.Range(0, 230)
            .Select(i => new ManifestPart { SegmentIndex = i, BlobName = $"b{i}", Sha256 = "00", Low = $"{i * 10}", High = $"{i * 10 + 9}", Offset = i * 2, Count = 2 })
            .ToList();
        var summary = new JobSummary(id, 0, 2299, 460, "1234", 2, 2297, "ab", 999, 230, 3);

        await store.WriteAsync(summary, parts);

        Assert.Equal(summary, await store.FindSummaryAsync(id));
        var read = await store.ReadPartsAsync(id);
        Assert.Equal(parts.Select(p => p.SegmentIndex), read.Select(p => p.SegmentIndex));
        Assert.Equal(parts.Select(p => p.Offset), read.Select(p => p.Offset));
    }

    [Fact]
    public async Task A_completed_manifest_is_answered_from_memory_until_the_job_is_deleted()
    {
        var store = new JobManifestStore(service.Storage);
        var id = "primes-manifest-" + Guid.NewGuid().ToString("N");
        var summary = new JobSummary(id, 0, 9, 4, "17", 2, 7, "cd", 8, 1, 0);
        await store.WriteAsync(summary, [new ManifestPart { SegmentIndex = 0, BlobName = "b0", Sha256 = "00", Low = "0", High = "9", Offset = 0, Count = 4 }]);
        Assert.Equal(summary, (await store.FindCompletedAsync(id))?.Summary);

        // Another instance of the app removes the rows: this one still answers from memory, without reading them.
        await new JobManifestStore(service.Storage).DeleteAsync(id);
        Assert.Equal(summary, (await store.FindCompletedAsync(id))?.Summary);

        await store.DeleteAsync(id);
        Assert.Null(await store.FindCompletedAsync(id));
    }
}
