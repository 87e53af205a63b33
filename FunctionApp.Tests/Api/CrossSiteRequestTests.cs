using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using PrimeFunctions.Tests.Fixtures;

namespace PrimeFunctions.Tests.Api;

/// <summary>Cross-site state changes through the local host over real HTTP: refused, and nothing created.</summary>
public sealed class CrossSiteRequestTests(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    private const string Evil = "http://evil.example";

    [Fact]
    public async Task A_cross_site_range_start_is_refused_and_starts_no_job()
    {
        var response = await SendAsync(HttpMethod.Post, "/api/primes?from=0&to=777777", Evil, new StringContent("", Encoding.ASCII, "text/plain"));

        await AssertRefusedAsync(response, HttpStatusCode.Forbidden, "Origin");
        Assert.Null(await service.Durable.GetInstanceAsync("primes-0-777777"));
    }

    [Fact]
    public async Task A_cross_site_text_is_prime_job_is_refused_and_starts_no_job()
    {
        var digits = "1" + new string('0', 4_000) + "7";
        var response = await SendAsync(HttpMethod.Post, "/api/isprime", Evil, new StringContent(digits, Encoding.ASCII, "text/plain"));

        await AssertRefusedAsync(response, HttpStatusCode.Forbidden, "Origin");
        Assert.Null(await service.Durable.GetInstanceAsync(PrimeFunctions.Api.IsPrimeHandler.JobIdFor(digits)));
    }

    [Fact]
    public async Task A_cross_site_terminate_is_refused_and_the_job_runs_on()
    {
        var started = await service.Http.PostAsync("/api/primes?from=0&to=888887", null);
        Assert.True(started.IsSuccessStatusCode, $"{started.StatusCode}");

        var response = await SendAsync(HttpMethod.Post, "/runtime/webhooks/durabletask/instances/primes-0-888887/terminate", Evil, null);

        await AssertRefusedAsync(response, HttpStatusCode.Forbidden, "Origin");
        var (status, body) = await new JobClient(service.Http).FollowAsync(
            new Uri(service.BaseAddress, "/runtime/webhooks/durabletask/instances/primes-0-888887"), TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.OK, status.StatusCode);
        Assert.Equal("Completed", body.GetProperty("runtimeStatus").GetString());
    }

    [Fact]
    public async Task A_form_post_is_refused_even_without_an_Origin()
    {
        var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["from"] = "0", ["to"] = "666665" });
        var response = await SendAsync(HttpMethod.Post, "/api/primes?from=0&to=666665", origin: null, form);

        await AssertRefusedAsync(response, HttpStatusCode.UnsupportedMediaType, "form");
        Assert.Null(await service.Durable.GetInstanceAsync("primes-0-666665"));
    }

    [Fact]
    public async Task The_pages_own_origin_and_clients_without_one_may_change_state()
    {
        var own = await SendAsync(HttpMethod.Post, "/api/isprime", service.BaseAddress.GetLeftPart(UriPartial.Authority), new StringContent("561", Encoding.ASCII, "text/plain"));
        var curl = await service.Http.PostAsync("/api/isprime", new StringContent("563", Encoding.ASCII, "text/plain"));

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(HttpStatusCode.OK, curl.StatusCode);
        Assert.True((await curl.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("isPrime").GetBoolean());
    }

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? origin, HttpContent? content)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        return service.Http.SendAsync(request);
    }

    private static async Task AssertRefusedAsync(HttpResponseMessage response, HttpStatusCode status, string naming)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(naming, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
