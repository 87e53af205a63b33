using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;

namespace PrimeFunctions.Tests.Fixtures;

/// <summary>Drives the HTTP API the way a client following the async request-reply pattern does.</summary>
internal sealed class JobClient(HttpClient http)
{
    public Task<HttpResponseMessage> StartAsync(ulong from, ulong to) =>
        http.PostAsJsonAsync("/api/primes", new { from = from.ToString(), to = to.ToString() });

    /// <summary>Polls a status URL, waiting as long as each <c>Retry-After</c> says, until it stops answering 202.</summary>
    public async Task<(HttpResponseMessage Response, JsonElement Body)> FollowAsync(Uri location, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var response = await http.GetAsync(location);
            if (response.StatusCode != HttpStatusCode.Accepted)
            {
                return (response, await response.Content.ReadFromJsonAsync<JsonElement>());
            }

            Assert.True(DateTime.UtcNow < deadline, $"{location} still answers 202 after {timeout}.");
            var delay = response.Headers.RetryAfter?.Delta ?? throw new Xunit.Sdk.XunitException("A 202 without Retry-After.");
            location = response.Headers.Location ?? location;
            await Task.Delay(delay);
        }
    }

    /// <summary>Starts a range job and waits for its completed status; returns the orchestration's output.</summary>
    public async Task<JsonElement> RunAsync(ulong from, ulong to)
    {
        var started = await StartAsync(from, to);
        Assert.True(started.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.OK, $"start answered {started.StatusCode}");
        var payload = await started.Content.ReadFromJsonAsync<JsonElement>();
        var (status, body) = await FollowAsync(new Uri(payload.GetProperty("statusQueryGetUri").GetString()!), TimeSpan.FromMinutes(3));
        Assert.Equal(HttpStatusCode.OK, status.StatusCode);
        Assert.Equal("Completed", body.GetProperty("runtimeStatus").GetString());
        return body.GetProperty("output");
    }

    /// <summary>
    /// Starts a count or n-th prime job (<paramref name="path"/> with its query, or <paramref name="json"/> as the body)
    /// and waits for its completed status; returns its output.
    /// </summary>
    public async Task<JsonElement> RunCountingAsync(string path, string? json)
    {
        var started = await http.PostAsync(path, json is null ? null : new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
        Assert.True(started.StatusCode is HttpStatusCode.OK or HttpStatusCode.Accepted, $"{path} answered {started.StatusCode}: {await started.Content.ReadAsStringAsync()}");
        if (started.StatusCode == HttpStatusCode.OK)
        {
            return (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("output");
        }

        Assert.NotNull(started.Headers.RetryAfter);
        var (status, body) = await FollowAsync(started.Headers.Location!, TimeSpan.FromMinutes(4));
        Assert.Equal(HttpStatusCode.OK, status.StatusCode);
        Assert.True(body.GetProperty("runtimeStatus").GetString() == "Completed", body.ToString());
        return body.GetProperty("output");
    }

    public async Task<(byte[] Text, HttpResponseMessage Response)> TextAsync(string resultsUri)
    {
        var response = await http.GetAsync(resultsUri + "?format=text", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadAsByteArrayAsync(), response);
    }

    /// <summary>
    /// Where a completed job's results are served, from its status output. The output names no URL — durable state
    /// is shown to every caller, so it carries nothing made from one caller's request — so the path is the route's.
    /// </summary>
    public static string ResultsUri(JsonElement output) => $"/api/primes/{output.GetProperty("id").GetString()}/results";

    /// <summary>Polls a job's built-in status until its custom status satisfies <paramref name="reached"/>; fails after <paramref name="timeout"/>.</summary>
    public async Task WaitForProgressAsync(string id, Func<JsonElement, bool> reached, string what, TimeSpan timeout)
    {
        for (var deadline = DateTime.UtcNow + timeout; DateTime.UtcNow < deadline; await Task.Delay(50))
        {
            var status = await http.GetFromJsonAsync<JsonElement>($"/runtime/webhooks/durabletask/instances/{id}");
            if (status.GetProperty("customStatus") is { ValueKind: JsonValueKind.Object } progress && reached(progress))
            {
                return;
            }
        }

        Assert.Fail($"{id}: not {what} after {timeout}.");
    }

    /// <summary>Waits until at least <paramref name="segments"/> segments of the job are done.</summary>
    public Task WaitForSegmentsAsync(string id, int segments) =>
        WaitForProgressAsync(id, p => p.GetProperty("segmentsDone").GetInt64() >= segments, $"{segments} segments done", TimeSpan.FromMinutes(1));

    /// <summary>Waits until the job reports <paramref name="phase"/> (sieving, merging, completed).</summary>
    public Task WaitForPhaseAsync(string id, string phase) =>
        WaitForProgressAsync(id, p => p.GetProperty("phase").GetString() == phase, $"in phase '{phase}'", TimeSpan.FromMinutes(2));

    /// <summary>Where a completed job's results are served, from its summary (durable output holds no URL).</summary>
    public static string ResultsPath(JsonElement output) => $"/api/primes/{output.GetProperty("id").GetString()}/results";

    public static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>
    /// Asserts a job summary's count and SHA-256 against <c>primecount</c> and <c>primesieve</c>
    /// (<see cref="PrimeReference"/>); a test that calls it needs both (<see cref="NeedsToolsFactAttribute"/>).
    /// </summary>
    public static async Task AssertSummaryOfAsync(JsonElement output, ulong from, ulong to)
    {
        var (count, sha256) = await PrimeReference.OfAsync(from, to);
        Assert.Equal(count, output.GetProperty("count").GetInt64());
        Assert.Equal(sha256, output.GetProperty("sha256").GetString());
    }
}
