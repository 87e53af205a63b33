using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PrimeFunctions.Storage;
using PrimeFunctions.Tests.Fixtures;

namespace PrimeFunctions.Tests.EndToEnd;

/// <summary>Cancel and delete over real HTTP through the local host.</summary>
[Collection(SharedService.Name)]
public sealed class DeleteJobTests(ServiceFixture service)
{
    private readonly JobClient jobs = new(service.Http);

    [Fact]
    public async Task Deleting_a_completed_job_removes_its_history_and_manifest_but_keeps_its_segments()
    {
        var output = await jobs.RunAsync(41, 3_100_000);
        // Its own segments, by name: a job another test terminated may still be storing segments of its own meanwhile.
        var segments = (await new JobManifestStore(service.Storage).ReadPartsAsync("primes-41-3100000")).Select(p => p.BlobName).ToList();
        Assert.NotEmpty(segments);

        var response = await service.Http.DeleteAsync("/api/primes/primes-41-3100000");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Null(await service.Durable.GetInstanceAsync("primes-41-3100000"));
        Assert.Null(await new JobManifestStore(service.Storage).FindSummaryAsync("primes-41-3100000"));
        Assert.Empty(await new JobManifestStore(service.Storage).ReadPartsAsync("primes-41-3100000"));
        Assert.Equal(HttpStatusCode.NotFound, (await service.Http.GetAsync(JobClient.ResultsUri(output))).StatusCode);
        var container = service.Storage.Blobs.GetBlobContainerClient(SegmentStore.ContainerName);
        foreach (var segment in segments)
        {
            Assert.True(await container.GetBlobClient(segment).ExistsAsync(), $"segment {segment} was deleted with the job");
        }

        var again = await jobs.RunAsync(41, 3_100_000);
        Assert.Equal(again.GetProperty("segments").GetInt64(), again.GetProperty("segmentsReused").GetInt64());
        Assert.Equal(output.GetProperty("sha256").GetString(), again.GetProperty("sha256").GetString());
    }

    [Fact]
    public async Task Deleting_a_running_job_terminates_it_and_removes_it()
    {
        // 40 segments near 10^18, each sieved with the primes up to 10^9: many seconds of work, still running when the
        // start stops waiting for it.
        const string id = "primes-1000000000000000000-1000000000119999999";
        var started = await jobs.StartAsync(1_000_000_000_000_000_000, 1_000_000_000_119_999_999);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);

        var response = await service.Http.DeleteAsync($"/api/primes/{id}");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Null(await service.Durable.GetInstanceAsync(id));
        Assert.Null(await new JobManifestStore(service.Storage).FindSummaryAsync(id));
    }

    [Fact]
    public async Task Deleting_an_unknown_job_is_404_problem_details()
    {
        var response = await service.Http.DeleteAsync("/api/primes/primes-7-8");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Deleting_twice_is_404_the_second_time()
    {
        await jobs.RunAsync(51, 1_000);

        Assert.Equal(HttpStatusCode.NoContent, (await service.Http.DeleteAsync("/api/primes/primes-51-1000")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await service.Http.DeleteAsync("/api/primes/primes-51-1000")).StatusCode);
    }
}
