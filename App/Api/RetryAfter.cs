using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace PrimeFunctions.Api;

/// <summary>The <c>Retry-After</c> header, on a 202 that asks to poll, and on a 429 or 503 that asks to come back later.</summary>
public static class RetryAfter
{
    public static void Set(HttpResponse response, int seconds) =>
        response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);

    /// <summary>The same result, answered with <c>Retry-After: <paramref name="seconds"/></c>.</summary>
    public static IResult WithRetryAfter(this IResult result, int seconds) => new Answer(result, seconds);

    private sealed class Answer(IResult inner, int seconds) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            Set(httpContext.Response, seconds);
            return inner.ExecuteAsync(httpContext);
        }
    }
}
