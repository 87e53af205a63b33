using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PrimeFunctions.Tests.Fixtures;

namespace PrimeFunctions.Tests.EndToEnd;

/// <summary>
/// With storage gone, every route that needs it answers 503 problem+json with Retry-After — an outage, not a bug —
/// and a completed job's results already in memory are still served. A host and an Azurite of its own, since
/// this test stops the emulator.
/// </summary>
public sealed class StorageOutageTests
{
    [Fact]
    public async Task With_storage_unreachable_each_route_answers_503_with_retry_after()
    {
        // Each route gives up after the call timeout, shortened here from its default of 10 s.
        await using var service = await StandaloneService.StartAsync("--Primes:SegmentWidth=3000000", "--Primes:StorageCallTimeout=00:00:04");
        var http = service.Http;
        await new JobClient(http).RunAsync(90, 900);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/primes/primes-90-900/results?limit=5")).StatusCode);

        await service.StopAzuriteAsync();

        foreach (var (method, url) in new[]
        {
            ("POST", "/api/primes?from=91&to=901"),
            // Not the completed job's status: the host may answer that from memory for a second, rightly.
            ("GET", "/runtime/webhooks/durabletask/instances/primes-91-901"),
            ("GET", "/runtime/webhooks/durabletask/instances"),
            ("GET", "/api/primes"),
            ("GET", "/api/primes/primes-91-901/results"),
        })
        {
            var response = await http.SendAsync(new HttpRequestMessage(new HttpMethod(method), url));

            Assert.True(HttpStatusCode.ServiceUnavailable == response.StatusCode, $"{method} {url} answered {response.StatusCode}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.NotNull(response.Headers.RetryAfter?.Delta);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.False(string.IsNullOrEmpty(problem.GetProperty("correlationId").GetString()));
        }

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/primes/primes-90-900/results?offset=5&limit=5")).StatusCode);
    }
}
