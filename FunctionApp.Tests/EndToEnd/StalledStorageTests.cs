using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PrimeFunctions.Tests.Fixtures;

namespace PrimeFunctions.Tests.EndToEnd;

/// <summary>
/// Storage that stops answering — Azurite stopped with SIGSTOP, which is what a network black hole looks like: every
/// connection hangs instead of being refused — is answered 503 with Retry-After within seconds on every route, pages
/// already in memory are still served, and the job running at the stall completes with the right count once storage
/// answers again. A host and an Azurite of its own, since this test stops the emulator.
/// </summary>
[LongRunning(60)]
public sealed class StalledStorageTests
{
    // Storage calls give up after 4 s here (10 s by default), so an answer within 12 s is an outage answered in time.
    private static readonly TimeSpan Stall = TimeSpan.FromSeconds(25);
    private static readonly TimeSpan MostAnAnswerMayTake = TimeSpan.FromSeconds(12);

    // π(2·10^7 − 1), from primecount (Debian primecount-bin: `primecount 19999999`).
    private const ulong To = 20_000_000 - 1;
    private const long PrimesBelowTo = 1_270_607;

    [Fact]
    public async Task With_storage_stalled_every_route_answers_within_seconds_and_the_running_job_completes_afterwards()
    {
        await using var service = await StandaloneService.StartAsync(
            "--Primes:SegmentWidth=1000000", "--Primes:SegmentsPerTask=1", "--Primes:Faults:SegmentDelay=00:00:00.3", "--Primes:StorageCallTimeout=00:00:04");
        var (http, address, emulator) = (service.Http, service.Address, service.Azurite!.ProcessId);
        var jobs = new JobClient(http);
        await jobs.RunAsync(90, 900);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/primes/primes-90-900/results?limit=5")).StatusCode);
        var running = $"primes-0-{To}";
        Assert.Equal(HttpStatusCode.Accepted, (await jobs.StartAsync(0, To)).StatusCode);
        await jobs.WaitForSegmentsAsync(running, 3);

        Signal("STOP", emulator);
        var stalled = Stopwatch.StartNew();
        try
        {
            var answers = await Task.WhenAll(new[]
            {
                ("POST", "/api/primes?from=91&to=901"),
                ("GET", $"/runtime/webhooks/durabletask/instances/{running}"),
                ("GET", "/runtime/webhooks/durabletask/instances"),
                ("GET", "/api/primes"),
                ("GET", $"/api/primes/{running}"),
                ("GET", $"/api/primes/{running}/results"),
                ("GET", "/api/isprime/" + new string('7', 2500)),
            }.Select(route => TimedAsync(http, route.Item1, route.Item2)));

            foreach (var (route, response, took) in answers)
            {
                Assert.True(took < MostAnAnswerMayTake, $"{route} took {took.TotalSeconds:0.0} s");
                Assert.True(HttpStatusCode.ServiceUnavailable == response.StatusCode, $"{route} answered {response.StatusCode}");
                Assert.NotNull(response.Headers.RetryAfter?.Delta);
            }

            var cached = await TimedAsync(http, "GET", "/api/primes/primes-90-900/results?offset=5&limit=5");
            Assert.Equal(HttpStatusCode.OK, cached.Response.StatusCode);
            Assert.True(cached.Took < MostAnAnswerMayTake, $"the cached page took {cached.Took.TotalSeconds:0.0} s");
        }
        finally
        {
            await Task.Delay(Stall - stalled.Elapsed is var left && left > TimeSpan.Zero ? left : TimeSpan.Zero);
            Signal("CONT", emulator);
        }

        var (status, body) = await jobs.FollowAsync(new Uri(address, $"/runtime/webhooks/durabletask/instances/{running}"), TimeSpan.FromMinutes(3));
        Assert.Equal(HttpStatusCode.OK, status.StatusCode);
        Assert.Equal("Completed", body.GetProperty("runtimeStatus").GetString());
        Assert.Equal(PrimesBelowTo, body.GetProperty("output").GetProperty("count").GetInt64());
    }

    private static async Task<(string Route, HttpResponseMessage Response, TimeSpan Took)> TimedAsync(HttpClient http, string method, string url)
    {
        var clock = Stopwatch.StartNew();
        var response = await http.SendAsync(new HttpRequestMessage(new HttpMethod(method), url));
        return ($"{method} {url[..Math.Min(url.Length, 60)]}", response, clock.Elapsed);
    }

    /// <summary>Sends a signal to the emulator's whole process group.</summary>
    private static void Signal(string signal, int processGroup)
    {
        using var kill = Process.Start("kill", ["-" + signal, "--", "-" + processGroup])!;
        kill.WaitForExit();
        Assert.Equal(0, kill.ExitCode);
    }
}
