using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace PrimeFunctions.Api;

/// <summary>
/// <c>GET /api/dashboard</c>: the dashboard page with its charting library inlined, as one response — no asset routes
/// and no build step. The page reads everything through the public API, with the function key from its own URL.
/// It is sent with a Content-Security-Policy that lets only its own inline scripts and styles run (by their
/// SHA-256, computed once from the page) and only same-origin requests go out, and may not be framed or sniffed.
/// </summary>
public sealed partial class DashboardHandler
{
    private const string Prefix = "PrimeFunctions.Dashboard.";

    private static readonly string[] Inlined = ["uPlot.min.css", "uPlot.iife.min.js"];

    private readonly Lazy<Page> page = new(() => Page.Of(Inlined.Aggregate(
        EmbeddedText.Read(Prefix + "dashboard.html"),
        (html, name) => html.Replace($"/*{name}*/", EmbeddedText.Read(Prefix + name), StringComparison.Ordinal))));

    public IResult Handle() => page.Value;

    [GeneratedRegex("<(script|style)>(.*?)</\\1>", RegexOptions.Singleline)]
    private static partial Regex InlineBlock();

    /// <summary>The page and the headers it goes with.</summary>
    private sealed record Page(string Html, string ContentSecurityPolicy) : IResult
    {
        public static Page Of(string html)
        {
            var blocks = InlineBlock().Matches(html);
            string Hashes(string element) => string.Join(' ', blocks
                .Where(block => block.Groups[1].Value == element)
                .Select(block => $"'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(block.Groups[2].Value)))}'"));
            return new Page(html, string.Join("; ",
                "default-src 'none'",
                $"script-src {Hashes("script")}",
                $"style-src {Hashes("style")}",
                "connect-src 'self'",
                "img-src 'self' data:",
                "base-uri 'none'",
                "form-action 'none'",
                "frame-ancestors 'none'"));
        }

        public Task ExecuteAsync(HttpContext httpContext)
        {
            var headers = httpContext.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XFrameOptions = "DENY";
            headers.XContentTypeOptions = "nosniff";
            headers.CacheControl = "no-cache";
            return Results.Content(Html, "text/html; charset=utf-8").ExecuteAsync(httpContext);
        }
    }
}
