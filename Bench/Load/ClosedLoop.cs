using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;

namespace PrimeFunctions.Bench.Load;

/// <summary>
/// A closed-loop load: each of N connections sends its next request as soon as the last is answered, until the
/// time is up or the request budget is spent. Latency is measured to the last byte of the body.
/// </summary>
internal static class ClosedLoop
{
    /// <summary>Runs <paramref name="connections"/> loops of <paramref name="send"/>; each call gets its loop's number and a random source.</summary>
    public static async Task<(double[] LatenciesMs, int NotSuccess, TimeSpan Elapsed)> RunAsync(
        int connections, TimeSpan duration, int maxRequests, Func<int, Random, Task<HttpStatusCode>> send)
    {
        var latencies = new ConcurrentBag<double[]>();
        var notSuccess = 0;
        var budget = maxRequests;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, connections).Select(loop => Task.Run(async () =>
        {
            var random = new Random(loop);
            var mine = new List<double>();
            while (clock.Elapsed < duration && Interlocked.Decrement(ref budget) >= 0)
            {
                var start = Stopwatch.GetTimestamp();
                var status = await send(loop, random);
                mine.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                if ((int)status is < 200 or > 299)
                {
                    Interlocked.Increment(ref notSuccess);
                }
            }

            latencies.Add([.. mine]);
        })));
        return ([.. latencies.SelectMany(l => l)], notSuccess, clock.Elapsed);
    }
}
