using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace PrimeFunctions.Cli;

/// <summary>
/// The PrimeFunctions HTTP API as a client uses it: start or join a job and follow its status URL honouring
/// <c>Retry-After</c>, read jobs, pages and verdicts, delete, and download a job's text resumably. Every route under
/// <c>/api</c> gets the function key as <c>code</c> when one is given. Failures surface as <see cref="PrimesApiException"/>.
/// </summary>
internal sealed class PrimesClient(HttpClient http, Uri baseAddress, string? code)
{
    // A service answering 429/503 or refusing connections (restarting) gets this many tries, RetryDelay (2 s) apart
    // unless it says otherwise: long enough for a host restart, short enough for a mistyped --url.
    private const int MaxBusyRetries = 15;

    /// <summary>Wait between attempts when the service gives no <c>Retry-After</c> (a refused connection, a dropped download).</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How many failed download attempts in a row, each without a new byte, end a download.</summary>
    public int MaxAttemptsWithoutProgress { get; init; } = 60;

    /// <summary>Starts or joins the job for [from, to]: the start's body (202 while it runs, 200 once it has completed before).</summary>
    public Task<JsonElement> StartAsync(ulong from, ulong to, CancellationToken cancellationToken) =>
        ReadJsonAsync(() => new HttpRequestMessage(HttpMethod.Post, Api("/api/primes"))
        {
            Content = JsonContent.Create(
                new Dictionary<string, string> { ["from"] = from.ToString(CultureInfo.InvariantCulture), ["to"] = to.ToString(CultureInfo.InvariantCulture) },
                PrimesJsonContext.Default.DictionaryStringString),
        }, cancellationToken);

    /// <summary>Starts or joins a count or n-th prime job: POSTs <paramref name="fields"/> as a JSON object to <paramref name="path"/> and returns the start's body.</summary>
    public Task<JsonElement> StartCountingAsync(string path, Dictionary<string, string> fields, CancellationToken cancellationToken) =>
        ReadJsonAsync(() => new HttpRequestMessage(HttpMethod.Post, Api(path)) { Content = JsonContent.Create(fields, PrimesJsonContext.Default.DictionaryStringString) }, cancellationToken);

    /// <summary>
    /// Follows a status URL until it stops answering 202, waiting as long as each <c>Retry-After</c> says and
    /// reporting each body on the way; returns the final status body.
    /// </summary>
    public async Task<JsonElement> FollowAsync(Uri statusUri, Action<JsonElement> onStatus, CancellationToken cancellationToken)
    {
        while (true)
        {
            using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, statusUri), cancellationToken);
            var body = await response.Content.ReadFromJsonAsync(PrimesJsonContext.Default.JsonElement, cancellationToken);
            onStatus(body);
            if (response.StatusCode != HttpStatusCode.Accepted)
            {
                return body;
            }

            statusUri = response.Headers.Location ?? statusUri;
            await Task.Delay(response.Headers.RetryAfter?.Delta ?? RetryDelay, cancellationToken);
        }
    }

    public Task<JsonElement> GetJobAsync(string id, CancellationToken cancellationToken) =>
        ReadJsonAsync(() => new HttpRequestMessage(HttpMethod.Get, Api($"/api/primes/{Uri.EscapeDataString(id)}")), cancellationToken);

    public Task<JsonElement> ListAsync(string? status, CancellationToken cancellationToken) =>
        ReadJsonAsync(() => new HttpRequestMessage(HttpMethod.Get, Api("/api/primes", ("status", status))), cancellationToken);

    public Task<JsonElement> PageAsync(string id, long offset, int limit, CancellationToken cancellationToken) =>
        ReadJsonAsync(() => new HttpRequestMessage(HttpMethod.Get, Api(
            $"/api/primes/{Uri.EscapeDataString(id)}/results",
            ("offset", offset.ToString(CultureInfo.InvariantCulture)),
            ("limit", limit.ToString(CultureInfo.InvariantCulture)))), cancellationToken);

    /// <summary>Asks whether <paramref name="digits"/> is prime, following the job a long number runs as; returns the verdict.</summary>
    public async Task<JsonElement> IsPrimeAsync(string digits, CancellationToken cancellationToken)
    {
        var answer = await ReadJsonAsync(() => new HttpRequestMessage(HttpMethod.Post, Api("/api/isprime"))
        {
            Content = new StringContent(digits, Encoding.ASCII, "text/plain"),
        }, cancellationToken);
        if (!answer.TryGetProperty("statusQueryGetUri", out var status))
        {
            return answer;
        }

        var final = await FollowAsync(new Uri(status.GetString()!), _ => { }, cancellationToken);
        return final.GetProperty("runtimeStatus").GetString() == "Completed"
            ? final.GetProperty("output")
            : throw new PrimesApiException($"The primality job ended {final.GetProperty("runtimeStatus").GetString()}.");
    }

    /// <summary>Deletes a job, repeating the request while the service says the job is still stopping.</summary>
    public async Task DeleteAsync(string id, CancellationToken cancellationToken)
    {
        while (true)
        {
            using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Delete, Api($"/api/primes/{Uri.EscapeDataString(id)}")), cancellationToken);
            if (response.StatusCode != HttpStatusCode.Accepted)
            {
                return;
            }

            await Task.Delay(response.Headers.RetryAfter?.Delta ?? RetryDelay, cancellationToken);
        }
    }

    /// <summary>The URL of a job's text form, with the function key.</summary>
    public Uri TextUri(string id) => Api($"/api/primes/{Uri.EscapeDataString(id)}/results", ("format", "text"));

    /// <summary>
    /// Sends a request until it is not refused for being busy: a refused connection, 429 or 503 waits (as long as
    /// <c>Retry-After</c> says, if it does) and tries again. Any other error status throws with the problem's text.
    /// </summary>
    public async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> request, CancellationToken cancellationToken, HttpCompletionOption completion = HttpCompletionOption.ResponseContentRead)
    {
        for (var attempt = 1; ; attempt++)
        {
            HttpResponseMessage response;
            try
            {
                response = await http.SendAsync(request(), completion, cancellationToken);
            }
            catch (HttpRequestException e) when (attempt < MaxBusyRetries && e.HttpRequestError == HttpRequestError.ConnectionError)
            {
                await Task.Delay(RetryDelay, cancellationToken);
                continue;
            }

            if (response.IsSuccessStatusCode)
            {
                return response;
            }

            if (response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable && attempt < MaxBusyRetries)
            {
                var wait = response.Headers.RetryAfter?.Delta ?? RetryDelay;
                response.Dispose();
                await Task.Delay(wait, cancellationToken);
                continue;
            }

            using (response)
            {
                throw await PrimesApiException.FromAsync(response, cancellationToken);
            }
        }
    }

    private async Task<JsonElement> ReadJsonAsync(Func<HttpRequestMessage> request, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(request, cancellationToken);
        return await response.Content.ReadFromJsonAsync(PrimesJsonContext.Default.JsonElement, cancellationToken);
    }

    private Uri Api(string path, params (string Name, string? Value)[] query)
    {
        var parameters = query.Append(("code", code))
            .Where(p => !string.IsNullOrEmpty(p.Item2))
            .Select(p => $"{p.Item1}={Uri.EscapeDataString(p.Item2!)}");
        var queryText = string.Join('&', parameters);
        return new Uri(baseAddress, queryText.Length == 0 ? path : $"{path}?{queryText}");
    }
}
