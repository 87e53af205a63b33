using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PrimeFunctions.Storage;
using PrimeFunctions.Tests.Fixtures;

namespace PrimeFunctions.Tests.EndToEnd;

/// <summary>
/// Count and n-th prime jobs over real HTTP through the local host. Expected values are primecount's
/// (<c>primecount 3000000000000</c> − <c>primecount 99999999999</c>, and so on) and the published n-th primes.
/// </summary>
public sealed class CountJobTests(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    [Fact]
    public async Task A_wide_count_is_the_difference_of_two_pi_values_fanned_out_and_kept()
    {
        var output = await RunAsync("/api/counts", """{"from": "100000000000", "to": 3000000000000}""");

        Assert.Equal("104222243890", output.GetProperty("count").GetString());
        Assert.Equal("lmo", output.GetProperty("method").GetString());
        Assert.Equal("108340298703", output.GetProperty("piTo").GetString());
        Assert.Equal("4118054813", output.GetProperty("piBeforeFrom").GetString());

        var kept = await new PiValueStore(service.Storage).FindAsync(3_000_000_000_000);
        Assert.Equal(108340298703ul, kept?.Pi);
    }

    [Fact]
    public async Task A_narrow_count_is_sieved()
    {
        var output = await RunAsync("/api/counts?from=1000000000000&to=1000000999999", null);

        Assert.Equal("36249", output.GetProperty("count").GetString());
        Assert.Equal("sieve", output.GetProperty("method").GetString());
        Assert.Equal(0, output.GetProperty("segmentsCached").GetInt32());
    }

    [Fact]
    public async Task A_narrow_count_over_segments_a_range_job_stored_reads_their_counts_and_sieves_only_the_ends()
    {
        // Grid segments 1 to 4 ([3·10^6, 15·10^6 − 1]) stored by a range job; the count covers them whole, plus clipped ends.
        await new JobClient(service.Http).RunAsync(3_000_000, 14_999_999);

        var output = await RunAsync("/api/counts", """{"from": 1000000, "to": 16000000}""");

        Assert.Equal(NaivePrimes.PrimesIn(1_000_000, 16_000_000).Count.ToString(CultureInfo.InvariantCulture), output.GetProperty("count").GetString());
        Assert.Equal("sieve+cache", output.GetProperty("method").GetString());
        Assert.Equal(4, output.GetProperty("segmentsCached").GetInt32());

        // The rows counted are marked as used by the count, as a range job's reuse marks them, so retention keeps them.
        var catalog = new SegmentCatalog(service.Storage);
        for (var index = 1L; index <= 4; index++)
        {
            Assert.Equal("count-1000000-16000000", (await catalog.FindAsync(ServiceFixture.SegmentWidth, index, default))!.LastUsedBy);
        }

        // Exactly the stored segments: nothing left to sieve.
        var aligned = await RunAsync("/api/counts?from=3000000&to=14999999", null);
        Assert.Equal(NaivePrimes.PrimesIn(3_000_000, 14_999_999).Count.ToString(CultureInfo.InvariantCulture), aligned.GetProperty("count").GetString());
        Assert.Equal(4, aligned.GetProperty("segmentsCached").GetInt32());
    }

    [Fact]
    public async Task A_narrow_count_over_damaged_or_missing_catalog_rows_sieves_those_segments_and_is_still_right()
    {
        // Segments 6 to 10 ([18·10^6, 33·10^6 − 1]) stored, then: 7's row gone, 8's blob cut short, 9's blob gone, and
        // 10's row naming 6's blob (with 6's length and count). Only 6 may be counted from its row.
        const ulong Width = ServiceFixture.SegmentWidth;
        await new JobClient(service.Http).RunAsync(18_000_000, 32_999_999);
        var catalog = new SegmentCatalog(service.Storage);
        var rows = service.Storage.Tables.GetTableClient(SegmentCatalog.TableName);
        var blobs = service.Storage.Blobs.GetBlobContainerClient(SegmentStore.ContainerName);
        await rows.DeleteEntityAsync(SegmentRecord.PartitionFor(Width), SegmentRecord.RowFor(7));
        var eight = blobs.GetBlobClient(SegmentStore.BlobNameFor(Width, 8));
        var bytes = (await eight.DownloadContentAsync()).Value.Content.ToArray();
        await eight.UploadAsync(new BinaryData(bytes[..(bytes.Length / 2)]), overwrite: true);
        await blobs.GetBlobClient(SegmentStore.BlobNameFor(Width, 9)).DeleteAsync();
        var six = (await catalog.FindAsync(Width, 6, default))!;
        var misplaced = (await catalog.FindAsync(Width, 10, default))!;
        (misplaced.BlobName, misplaced.Sha256, misplaced.Bytes, misplaced.Count) = (six.BlobName, six.Sha256, six.Bytes, six.Count);
        await catalog.UpsertAsync(misplaced, default);

        var output = await RunAsync("/api/counts", """{"from": 17999999, "to": 33000000}""");

        Assert.Equal(NaivePrimes.PrimesIn(17_999_999, 33_000_000).Count.ToString(CultureInfo.InvariantCulture), output.GetProperty("count").GetString());
        Assert.Equal("sieve+cache", output.GetProperty("method").GetString());
        Assert.Equal(1, output.GetProperty("segmentsCached").GetInt32());
        foreach (var forgotten in new[] { 8L, 9, 10 })
        {
            Assert.Null(await catalog.FindAsync(Width, forgotten, default));
        }
    }

    [Fact]
    public async Task The_nth_prime_is_found_from_an_estimate_a_count_and_a_short_sieve()
    {
        var output = await RunAsync("/api/nth-prime", """{"n": "1000000000"}""");

        Assert.Equal("22801763489", output.GetProperty("prime").GetString());

        // The finished job's progress still says how many intervals its count took, not 0 of 0.
        var status = await service.Http.GetFromJsonAsync<JsonElement>("/runtime/webhooks/durabletask/instances/nth-prime-1000000000");
        var progress = status.GetProperty("customStatus");
        Assert.Equal("completed", progress.GetProperty("phase").GetString());
        Assert.True(progress.GetProperty("intervalsTotal").GetInt32() > 0, progress.ToString());
        Assert.Equal(progress.GetProperty("intervalsTotal").GetInt32(), progress.GetProperty("intervalsDone").GetInt32());
    }

    [Fact]
    public async Task The_same_count_asked_again_is_the_same_job_answered_from_its_output()
    {
        var first = await RunAsync("/api/counts", """{"from": 0, "to": 1000}""");
        var again = await service.Http.PostAsync("/api/counts?from=0&to=1000", null);

        Assert.Equal("168", first.GetProperty("count").GetString());
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var body = await again.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("count-0-1000", body.GetProperty("id").GetString());
        Assert.Equal("168", body.GetProperty("output").GetProperty("count").GetString());
    }

    private Task<JsonElement> RunAsync(string path, string? json) => new JobClient(service.Http).RunCountingAsync(path, json);
}
