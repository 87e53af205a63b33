using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PrimeFunctions.Api;
using PrimeFunctions.Orchestration;
using PrimeFunctions.Storage;
using PrimeFunctions.Tests.Fixtures;

namespace PrimeFunctions.Tests.Storage;

/// <summary>Retention against the local host's Azurite: what a sweep removes, what it keeps, and two sweeps at once.</summary>
public sealed class RetentionSweepTests(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    private readonly JobClient jobs = new(service.Http);

    [Fact]
    public async Task A_sweep_removes_finished_jobs_their_manifests_and_segments_unused_since_the_cutoff()
    {
        await jobs.RunAsync(61, 3_100_000);
        var cutoff = DateTimeOffset.UtcNow.AddSeconds(1);

        var report = await Sweep().RunAsync(service.Durable, cutoff);

        Assert.True(report.Instances >= 1 && report.Manifests >= 1 && report.Segments >= 2, report.ToString());
        Assert.Null(await service.Durable.GetInstanceAsync("primes-61-3100000"));
        Assert.Empty(await new JobManifestStore(service.Storage).ReadPartsAsync("primes-61-3100000"));
        var segments = new SegmentStore(service.Storage);
        Assert.Null(await segments.FindAsync(ServiceFixture.SegmentWidth, 0));
        Assert.Null(await segments.FindAsync(ServiceFixture.SegmentWidth, 1));
        Assert.False(await service.Storage.Blobs.GetBlobContainerClient(SegmentStore.ContainerName)
            .GetBlobClient($"w{ServiceFixture.SegmentWidth}/{Segment(0)}.wheel").ExistsAsync());
    }

    [Fact]
    public async Task A_segment_a_job_used_after_the_cutoff_is_kept()
    {
        await jobs.RunAsync(62, 1_000);
        var cutoff = DateTimeOffset.UtcNow.AddSeconds(1);
        await Task.Delay(TimeSpan.FromSeconds(2));
        await jobs.RunAsync(63, 1_000);

        var report = await Sweep().RunAsync(service.Durable, cutoff);

        var old = await service.Durable.GetInstanceAsync("primes-62-1000");
        Assert.True(old is null, $"primes-62-1000 (created {old?.CreatedAt:o}, updated {old?.LastUpdatedAt:o}) outlived a sweep to {cutoff:o}: {report}");
        Assert.NotNull(await service.Durable.GetInstanceAsync("primes-63-1000"));
        Assert.NotNull(await new JobManifestStore(service.Storage).FindSummaryAsync("primes-63-1000"));
        Assert.NotNull(await new SegmentStore(service.Storage).FindAsync(ServiceFixture.SegmentWidth, 0));
    }

    [Fact]
    public async Task Two_sweeps_at_once_remove_each_segment_once_and_neither_fails()
    {
        await jobs.RunAsync(64, 6_100_000);
        var cutoff = DateTimeOffset.UtcNow.AddSeconds(1);
        var eligible = 0;
        await foreach (var _ in new SegmentStore(service.Storage).ListUnusedSinceAsync(cutoff))
        {
            eligible++;
        }

        var reports = await Task.WhenAll(Sweep().RunAsync(service.Durable, cutoff), Sweep().RunAsync(service.Durable, cutoff));

        Assert.Equal(eligible, reports.Sum(r => r.Segments));
        await foreach (var left in new SegmentStore(service.Storage).ListUnusedSinceAsync(cutoff))
        {
            Assert.Fail($"segment {left.RowKey} was left behind");
        }
    }

    private RetentionSweep Sweep() => new(
        new JobManifestStore(service.Storage),
        new SegmentStore(service.Storage),
        Options.Create(new PrimesOptions()),
        TimeProvider.System,
        NullLogger<RetentionSweep>.Instance);

    private static string Segment(long index) => SegmentRecord.RowFor(index);
}
