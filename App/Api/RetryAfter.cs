using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using PrimeFunctions.Orchestration;
using PrimeFunctions.Storage;

namespace PrimeFunctions.Api;

/// <summary>The <c>Retry-After</c> header, on a 202 that asks to poll, and on a 429 or 503 that asks to come back later.</summary>
public static class RetryAfter
{
    public static void Set(HttpResponse response, int seconds) =>
        response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);

    /// <summary>The same result, answered with <c>Retry-After: <paramref name="seconds"/></c>.</summary>
    public static IResult WithRetryAfter(this IResult result, int seconds) => new Answer(result, seconds);

    /// <summary>
    /// When to poll a running range job again: its expected remaining time, from the rate its segments have been
    /// done at so far, between 1 and <paramref name="most"/> seconds. Before any segment is done, and once sieving
    /// has ended (what is left of the merge is short: it ran beside the sieves), 1 second. Rounded down: an early
    /// poll costs one cheap request, a late one costs the caller the difference.
    /// </summary>
    public static int ForJob(string? serializedProgress, DateTime now, int most)
    {
        var progress = string.IsNullOrEmpty(serializedProgress) ? null : Deserialize(serializedProgress);
        if (progress is not { Phase: JobPhase.Sieving, SegmentsDone: > 0, StartedAt: { } started } || now <= started)
        {
            return 1;
        }

        var remaining = (now - started).TotalSeconds * (progress.SegmentsTotal - progress.SegmentsDone) / progress.SegmentsDone;
        return (int)Math.Clamp(remaining, 1, Math.Max(1, most));
    }

    private static JobProgress? Deserialize(string json)
    {
        try
        {
            return JsonSerializer.Deserialize(json, PrimesJsonContext.Default.JobProgress);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed class Answer(IResult inner, int seconds) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            Set(httpContext.Response, seconds);
            return inner.ExecuteAsync(httpContext);
        }
    }
}
