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
}
