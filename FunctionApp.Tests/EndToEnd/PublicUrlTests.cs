using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PrimeFunctions.Tests.Fixtures;

namespace PrimeFunctions.Tests.EndToEnd;

/// <summary>
/// Public URLs are made for each response from a Host the service trusts, and never stored: what one caller sends
/// in its Host header cannot reach another caller.
/// </summary>
[Collection(SharedService.Name)]
public sealed class PublicUrlTests(ServiceFixture service)
{
    private readonly JobClient jobs = new(service.Http);

    [Theory]
    [InlineData("POST", "/api/primes?from=70&to=700")]
    [InlineData("GET", "/api/primes")]
    [InlineData("GET", "/runtime/webhooks/durabletask/instances/primes-70-700")]
    public async Task A_host_the_service_does_not_trust_is_400_naming_the_header_and_starts_nothing(string method, string url)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), url);
        request.Headers.Host = "evil.example";

        var response = await service.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("Host", out _), problem.ToString());
        Assert.Null(await service.Durable.GetInstanceAsync("primes-70-700"));
    }

    [Fact]
    public async Task Each_caller_gets_urls_on_its_own_host_and_the_job_stores_none()
    {
        var first = new HttpRequestMessage(HttpMethod.Post, "/api/primes?from=71&to=7100");
        first.Headers.Host = $"localhost:{service.BaseAddress.Port}";
        var started = await service.Http.SendAsync(first);
        var firstPayload = await started.Content.ReadFromJsonAsync<JsonElement>();
        Assert.StartsWith($"http://localhost:{service.BaseAddress.Port}/", firstPayload.GetProperty("resultsUri").GetString());

        var status = await jobs.FollowAsync(new Uri(service.BaseAddress, "/runtime/webhooks/durabletask/instances/primes-71-7100"), TimeSpan.FromMinutes(2));
        var again = await (await service.Http.PostAsync("/api/primes?from=71&to=7100", null)).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal($"{service.BaseAddress}api/primes/primes-71-7100/results", again.GetProperty("resultsUri").GetString());
        Assert.StartsWith(service.BaseAddress.ToString(), again.GetProperty("statusQueryGetUri").GetString());
        Assert.Equal("Completed", status.Body.GetProperty("runtimeStatus").GetString());
        Assert.DoesNotContain("localhost", status.Body.ToString());
        Assert.DoesNotContain("localhost", again.ToString());
    }
}
