using System.Collections.Concurrent;
using System.CommandLine;
using System.Net;
using System.Net.Http.Json;
using System.Numerics;
using System.Text.Json;
using PrimeFunctions.Engine;

namespace PrimeFunctions.Bench.Load;

/// <summary>
/// `load`: named scenarios against a running host, each a closed loop bounded in time and requests, printed as a
/// Markdown table of req/s, p50, p99 and non-2xx. Loopback only: it is a benchmark, not a way to flood a server.
/// </summary>
internal static class LoadCommand
{
    // 2^3217 − 1, a Mersenne prime of 969 digits: the heaviest number still tested inside the request by default.
    private static readonly string HeavyPrime = ((BigInteger.One << 3217) - 1).ToString();

    private const ulong PagedTo = 1_000_000_000;
    private const ulong TextTo = 1_000_000;

    public static Command Create()
    {
        var url = new Option<string>("--url") { DefaultValueFactory = _ => "http://127.0.0.1:7071", Description = "The host to load (loopback only)." };
        var connections = new Option<int>("--connections") { DefaultValueFactory = _ => 64, Description = "Concurrent connections per scenario." };
        var seconds = new Option<int>("--seconds") { DefaultValueFactory = _ => 10, Description = "Seconds each timed scenario runs (at most 120)." };
        var scenarios = new Option<string[]>("--scenario") { Description = "Scenarios to run (default: all): " + string.Join(", ", Names), AllowMultipleArgumentsPerToken = true };
        var command = new Command("load", "Run named load scenarios against a running host and print req/s, p50, p99 and non-2xx.") { url, connections, seconds, scenarios };
        command.SetAction(async (result, _) =>
        {
            if (!Uri.TryCreate(result.GetValue(url), UriKind.Absolute, out var target) || !target.IsLoopback)
            {
                Console.Error.WriteLine($"{result.GetValue(url)} is not a loopback URL: load runs against a local host only.");
                return 2;
            }

            var settings = new Settings(Math.Clamp(result.GetValue(connections), 1, 256), TimeSpan.FromSeconds(Math.Clamp(result.GetValue(seconds), 1, 120)));
            var chosen = result.GetValue(scenarios) is { Length: > 0 } named ? named : Names;
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { BaseAddress = target, Timeout = TimeSpan.FromMinutes(2) };
            Console.WriteLine($"Preparing: jobs [0, {PagedTo}] and [0, {TextTo}] ...");
            await RunJobAsync(http, 0, PagedTo);
            await RunJobAsync(http, 0, TextTo);
            Console.WriteLine(LoadResult.Header);
            foreach (var name in chosen)
            {
                foreach (var row in await Scenarios[name](http, settings))
                {
                    Console.WriteLine(row.Row());
                }
            }

            return 0;
        });
        return command;
    }

    private sealed record Settings(int Connections, TimeSpan Duration)
    {
        public const int MaxRequests = 1_000_000;
    }

    private static readonly Dictionary<string, Func<HttpClient, Settings, Task<LoadResult[]>>> Scenarios = new()
    {
        ["cached-post"] = async (http, s) => [await TimedAsync("cached-post", http, s, (_, _) =>
            http.PostAsync($"/api/primes?from=0&to={PagedTo}", null))],
        ["status"] = async (http, s) => [await TimedAsync("status", http, s, (_, _) =>
            http.GetAsync($"/runtime/webhooks/durabletask/instances/primes-0-{PagedTo}"))],
        ["json-page"] = async (http, s) => [await TimedAsync("json-page (100 primes, random offset, 11 parts)", http, s, (_, random) =>
            http.GetAsync($"/api/primes/primes-0-{PagedTo}/results?offset={random.NextInt64(50_000_000)}&limit=100"))],
        ["text"] = async (http, s) => [await TimedAsync($"text ([0, 10^6], 78 498 primes, 0.5 MB)", http, s, (_, _) =>
            http.GetAsync($"/api/primes/primes-0-{TextTo}/results?format=text"))],
        ["isprime-small"] = async (http, s) => [await TimedAsync("isprime-small (random 64-bit)", http, s, (_, random) =>
            http.GetAsync($"/api/isprime/{(ulong)random.NextInt64() | 1}"))],
        ["isprime-mixed"] = MixedAsync,
        ["identical-starts"] = IdenticalStartsAsync,
        ["overlapping"] = OverlappingAsync,
    };

    private static string[] Names => [.. Scenarios.Keys];

    private static async Task<LoadResult> TimedAsync(string name, HttpClient http, Settings settings, Func<int, Random, Task<HttpResponseMessage>> send)
    {
        var (latencies, notSuccess, elapsed) = await ClosedLoop.RunAsync(settings.Connections, settings.Duration, Settings.MaxRequests, async (loop, random) =>
        {
            using var response = await send(loop, random);
            await response.Content.CopyToAsync(Stream.Null);
            return response.StatusCode;
        });
        return new LoadResult(name, elapsed, latencies, notSuccess);
    }

    /// <summary>Half the connections ask for a 969-digit prime, half for small numbers: the small ones must not wait behind them.</summary>
    private static async Task<LoadResult[]> MixedAsync(HttpClient http, Settings settings)
    {
        var half = settings with { Connections = Math.Max(1, settings.Connections / 2) };
        var heavy = TimedAsync("isprime-mixed: 969-digit (429 = refused past the bound)", http, half, (_, _) => http.GetAsync($"/api/isprime/{HeavyPrime}"));
        var small = TimedAsync("isprime-mixed: small, meanwhile", http, half, (_, random) => http.GetAsync($"/api/isprime/{(ulong)random.NextInt64() | 1}"));
        return await Task.WhenAll(small, heavy);
    }

    /// <summary>100 simultaneous starts of one new range: one instance, and every caller is told its id.</summary>
    private static async Task<LoadResult[]> IdenticalStartsAsync(HttpClient http, Settings settings)
    {
        var from = 10_000_000_000_000UL + (ulong)Random.Shared.NextInt64(1_000_000) * 100_000_000;
        var to = from + 10_000_000;
        var ids = new ConcurrentBag<string>();
        var (latencies, notSuccess, elapsed) = await ClosedLoop.RunAsync(100, settings.Duration, 100, async (_, _) =>
        {
            using var response = await http.PostAsync($"/api/primes?from={from}&to={to}", null);
            ids.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!);
            return response.StatusCode;
        });
        var output = await WaitAsync(http, ids.First());
        var instances = await CountInstancesAsync(http, ids.First());
        var expected = SegmentSieve.Sieve(from, to).CountRange(from, to);
        return [new LoadResult("identical-starts (100 at once)", elapsed, latencies, notSuccess,
            $"{ids.Distinct().Count()} id, {instances} instance, count {output.GetProperty("count").GetInt64()} (expected {expected})")];
    }

    /// <summary>50 overlapping ranges at once, sharing segments: every count must be right.</summary>
    private static async Task<LoadResult[]> OverlappingAsync(HttpClient http, Settings settings)
    {
        const int Jobs = 50;
        const ulong Step = 100_000, Width = 10_000_000;
        var first = 20_000_000_000_000UL + (ulong)Random.Shared.NextInt64(1_000_000) * 100_000_000;
        var reference = SegmentSieve.Sieve(first, first + (Jobs - 1) * Step + Width);
        var ids = new ConcurrentDictionary<int, string>();
        var (latencies, notSuccess, elapsed) = await ClosedLoop.RunAsync(Jobs, settings.Duration, Jobs, async (loop, _) =>
        {
            var from = first + (ulong)loop * Step;
            using var response = await http.PostAsync($"/api/primes?from={from}&to={from + Width}", null);
            ids[loop] = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
            return response.StatusCode;
        });
        var wrong = 0;
        foreach (var (loop, id) in ids)
        {
            var from = first + (ulong)loop * Step;
            wrong += (await WaitAsync(http, id)).GetProperty("count").GetInt64() == reference.CountRange(from, from + Width) ? 0 : 1;
        }

        return [new LoadResult("overlapping (50 ranges at once)", elapsed, latencies, notSuccess, $"{ids.Count - wrong} of {ids.Count} counts right")];
    }

    private static async Task RunJobAsync(HttpClient http, ulong from, ulong to)
    {
        using var started = await http.PostAsync($"/api/primes?from={from}&to={to}", null);
        started.EnsureSuccessStatusCode();
        await WaitAsync(http, $"primes-{from}-{to}");
    }

    /// <summary>Polls a job's status until it has completed; returns its output.</summary>
    private static async Task<JsonElement> WaitAsync(HttpClient http, string id)
    {
        for (var deadline = DateTime.UtcNow.AddMinutes(10); DateTime.UtcNow < deadline; await Task.Delay(500))
        {
            using var response = await http.GetAsync($"/runtime/webhooks/durabletask/instances/{id}");
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return body.GetProperty("runtimeStatus").GetString() == "Completed"
                    ? body.GetProperty("output")
                    : throw new InvalidOperationException($"Job {id} ended {body.GetProperty("runtimeStatus")}.");
            }
        }

        throw new TimeoutException($"Job {id} did not complete within 10 minutes.");
    }

    /// <summary>Instances the durable list shows under <paramref name="id"/>, however many pages it takes.</summary>
    private static async Task<int> CountInstancesAsync(HttpClient http, string id)
    {
        var count = 0;
        string? token = null;
        do
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/runtime/webhooks/durabletask/instances?top=100");
            if (token is not null)
            {
                request.Headers.Add("x-ms-continuation-token", token);
            }

            using var response = await http.SendAsync(request);
            count += (await response.Content.ReadFromJsonAsync<JsonElement[]>())!.Count(i => i.GetProperty("instanceId").GetString() == id);
            token = response.Headers.TryGetValues("x-ms-continuation-token", out var values) ? values.First() : null;
        }
        while (token is not null);
        return count;
    }
}
