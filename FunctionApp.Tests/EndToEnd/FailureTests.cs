using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PrimeFunctions.Storage;
using PrimeFunctions.Tests.Fixtures;

namespace PrimeFunctions.Tests.EndToEnd;

/// <summary>What a caller sees when stored data is damaged: a failed job, said plainly, and no results.</summary>
[Collection(ServiceCollection.Name)]
public sealed class FailureTests(ServiceFixture service)
{
    private readonly JobClient jobs = new(service.Http);

    [Fact]
    public async Task A_job_over_a_damaged_segment_fails_and_serves_no_results()
    {
        const ulong from = 3_000_000_000, to = 3_000_001_000;
        var output = await jobs.RunAsync(from, to);

        // The blob no longer matches the digest its catalog row vouches for.
        var catalog = service.Storage.Tables.GetTableClient(SegmentStore.TableName);
        var record = (await new SegmentStore(service.Storage).FindAsync(ServiceFixture.SegmentWidth, (long)(from / ServiceFixture.SegmentWidth)))!;
        var honest = record.Sha256;
        record.Sha256 = new string('0', 64);
        await catalog.UpdateEntityAsync(record, Azure.ETag.All);

        var started = await jobs.StartAsync(from + 1, to);
        var payload = await started.Content.ReadFromJsonAsync<JsonElement>();
        var (status, body) = await jobs.FollowAsync(new Uri(payload.GetProperty("statusQueryGetUri").GetString()!), TimeSpan.FromMinutes(2));

        Assert.Equal(HttpStatusCode.OK, status.StatusCode);
        Assert.Equal("Failed", body.GetProperty("runtimeStatus").GetString());
        var results = await service.Http.GetAsync(payload.GetProperty("resultsUri").GetString());
        Assert.Equal(HttpStatusCode.Conflict, results.StatusCode);

        // Once the catalog is right again, asking again starts the failed job afresh (3·10^9 is even: same primes).
        record.Sha256 = honest;
        await catalog.UpdateEntityAsync(record, Azure.ETag.All);
        Assert.Equal(output.GetProperty("count").GetInt64(), (await jobs.RunAsync(from + 1, to)).GetProperty("count").GetInt64());
    }
}
