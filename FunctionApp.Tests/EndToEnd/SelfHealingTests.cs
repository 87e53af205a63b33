using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Storage.Blobs;
using PrimeFunctions.Storage;
using PrimeFunctions.Tests.Fixtures;

namespace PrimeFunctions.Tests.EndToEnd;

/// <summary>
/// Damaged storage under the shared cache — a blob with flipped bytes, a blob gone, a catalog row without its
/// blob — is never fatal: the segment is sieved again wherever it is read, and every answer stays correct.
/// Each test works in a stretch of the grid of its own, checked against a plain sieve.
/// </summary>
[Collection(SharedService.Name)]
public sealed class SelfHealingTests(ServiceFixture service)
{
    private const ulong Width = ServiceFixture.SegmentWidth;
    private readonly JobClient jobs = new(service.Http);

    [NeedsToolsFact("primesieve", "primecount", "sha256sum")]
    public async Task A_new_job_over_a_segment_with_flipped_bytes_completes_with_the_right_primes()
    {
        const ulong from = 3_300_000_000, to = 3_300_001_000;
        await jobs.RunAsync(from, to);
        await FlipAsync(SegmentOf(from));

        var output = await jobs.RunAsync(from + 1, to);

        await JobClient.AssertSummaryOfAsync(output, from + 1, to);
    }

    [NeedsToolsFact("primesieve", "primecount", "sha256sum")]
    public async Task A_new_job_over_a_catalog_row_without_its_blob_sieves_it_again_and_completes()
    {
        const ulong from = 3_400_000_000, to = 3_400_001_000;
        await jobs.RunAsync(from, to);
        await BlobOf(SegmentOf(from)).DeleteAsync();

        var output = await jobs.RunAsync(from + 1, to);

        await JobClient.AssertSummaryOfAsync(output, from + 1, to);
        Assert.Equal(0, output.GetProperty("segmentsReused").GetInt64());
        Assert.True((await BlobOf(SegmentOf(from)).ExistsAsync()).Value);
    }

    [Fact]
    public async Task A_completed_job_whose_segment_went_bad_still_serves_correct_pages_and_text()
    {
        const ulong from = 3_500_000_000, to = 3_500_100_000;
        var output = await jobs.RunAsync(from, to);
        var resultsUri = JobClient.ResultsPath(output);
        await FlipAsync(SegmentOf(from));

        var expected = NaivePrimes.PrimesIn(from, to);
        var page = await service.Http.GetFromJsonAsync<JsonElement>($"{resultsUri}?offset=10&limit=5");
        Assert.Equal(expected.Skip(10).Take(5).Select(p => p.ToString()), page.GetProperty("primes").EnumerateArray().Select(p => p.GetString()));

        await BlobOf(SegmentOf(from)).DeleteAsync();
        var (text, response) = await jobs.TextAsync(resultsUri);
        Assert.Equal(NaivePrimes.Text(expected), text);
        Assert.Equal(output.GetProperty("sha256").GetString(), JobClient.Sha256(text));
        Assert.Equal(text.Length, response.Content.Headers.ContentLength);
    }

    [Fact]
    public async Task A_segment_reused_after_its_blob_was_damaged_is_not_kept_alive_by_the_reuse()
    {
        const ulong from = 3_600_000_000, to = 3_600_001_000;
        await jobs.RunAsync(from, to);
        var bad = await new SegmentStore(service.Storage).FindAsync(Width, SegmentOf(from));
        await BlobOf(SegmentOf(from)).DeleteAsync();

        await jobs.RunAsync(from + 2, to);

        var row = await new SegmentStore(service.Storage).FindAsync(Width, SegmentOf(from));
        Assert.NotNull(row);
        Assert.NotEqual(bad!.ETag, row.ETag);
    }

    private static long SegmentOf(ulong n) => (long)(n / Width);

    private BlobClient BlobOf(long index) =>
        service.Storage.Blobs.GetBlobContainerClient(SegmentStore.ContainerName).GetBlobClient(SegmentStore.BlobNameFor(Width, index));

    /// <summary>Flips bytes in the middle of a stored segment, as a bad disk would: same length, other content.</summary>
    private async Task FlipAsync(long index)
    {
        var blob = BlobOf(index);
        var bytes = (await blob.DownloadContentAsync()).Value.Content.ToArray();
        for (var i = bytes.Length / 2; i < bytes.Length / 2 + 16; i++)
        {
            bytes[i] ^= 0xFF;
        }

        await blob.UploadAsync(new BinaryData(bytes), overwrite: true);
    }
}
