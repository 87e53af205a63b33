using System.Diagnostics;
using System.Net;
using System.Numerics;
using PrimeFunctions.Tests.Fixtures;
using Xunit.Abstractions;

namespace PrimeFunctions.Tests.EndToEnd;

/// <summary>Heavy is-prime requests cannot take the cores from cheap ones: past the bound they are refused with 429.</summary>
[Collection(Alone.Name)]
public sealed class StarvationTests(ServiceFixture service, ITestOutputHelper output) : IClassFixture<ServiceFixture>
{
    // 2^3217 − 1 is a Mersenne prime of 969 digits: the heaviest kind of number still answered in the request.
    private static readonly string HeavyPrime = ((BigInteger.One << 3217) - 1).ToString();

    private const int HeavyCallers = 16;

    // Starvation, before the bound existed, held cheap requests 12–24 s. On 2 cores shared with the test collections
    // that run in parallel (property tests, Azurite, the durable runtime), a cheap request can wait up to ~2 s for a
    // core without any starvation; the bound sits between the two.
    private static readonly TimeSpan CheapBound = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Small_numbers_and_status_polls_stay_fast_while_many_heavy_tests_are_asked_for()
    {
        await new JobClient(service.Http).RunAsync(80, 800);
        using var stop = new CancellationTokenSource();
        var heavy = Enumerable.Range(0, HeavyCallers).Select(_ => HeavyLoopAsync(stop.Token)).ToList();
        await Task.Delay(500);

        var slowest = TimeSpan.Zero;
        for (var i = 0; i < 40; i++)
        {
            foreach (var url in new[] { $"/api/isprime/{1_000_003 + 2 * i}", "/runtime/webhooks/durabletask/instances/primes-80-800" })
            {
                var clock = Stopwatch.StartNew();
                var response = await service.Http.GetAsync(url);
                if (clock.Elapsed > slowest)
                {
                    slowest = clock.Elapsed;
                }

                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }
        }

        await stop.CancelAsync();
        var answers = (await Task.WhenAll(heavy)).SelectMany(a => a).ToList();
        output.WriteLine($"slowest cheap request {slowest.TotalMilliseconds:F0} ms; heavy: {answers.Count(a => a == HttpStatusCode.OK)} answered, " +
            $"{answers.Count(a => a == HttpStatusCode.TooManyRequests)} refused with 429");
        Assert.True(slowest < CheapBound, $"a cheap request took {slowest.TotalMilliseconds:F0} ms");
        Assert.Contains(HttpStatusCode.OK, answers);
        Assert.Contains(HttpStatusCode.TooManyRequests, answers);
        Assert.All(answers, a => Assert.True(a is HttpStatusCode.OK or HttpStatusCode.TooManyRequests, a.ToString()));
    }

    [Fact]
    public async Task A_refused_heavy_test_is_429_problem_with_retry_after()
    {
        // Callers ask over and over until one is refused: how many tests overlap at a given moment depends on the machine.
        var refusal = new TaskCompletionSource<HttpResponseMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stop = new CancellationTokenSource();
        var heavy = Enumerable.Range(0, HeavyCallers).Select(_ => HeavyLoopAsync(stop.Token, refusal)).ToList();
        var first = await Task.WhenAny(refusal.Task, Task.Delay(TimeSpan.FromMinutes(1)));
        await stop.CancelAsync();
        await Task.WhenAll(heavy);

        Assert.True(first == refusal.Task, $"{HeavyCallers} callers asking at once for a minute were never refused");
        var refused = await refusal.Task;
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(refused.Headers.RetryAfter?.Delta);
        Assert.Contains("MaxConcurrentSyncIsPrime", await refused.Content.ReadAsStringAsync());
    }

    private async Task<List<HttpStatusCode>> HeavyLoopAsync(CancellationToken stop, TaskCompletionSource<HttpResponseMessage>? firstRefusal = null)
    {
        var answers = new List<HttpStatusCode>();
        while (!stop.IsCancellationRequested)
        {
            var response = await service.Http.GetAsync($"/api/isprime/{HeavyPrime}");
            answers.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                firstRefusal?.TrySetResult(response);
            }
        }

        return answers;
    }
}
