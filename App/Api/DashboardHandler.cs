using Microsoft.AspNetCore.Http;

namespace PrimeFunctions.Api;

/// <summary>
/// <c>GET /api/dashboard</c>: the dashboard page with its charting library inlined, as one response — no asset routes
/// and no build step. The page reads everything through the public API, with the function key from its own URL.
/// </summary>
public sealed class DashboardHandler
{
    private const string Prefix = "PrimeFunctions.Dashboard.";

    private static readonly string[] Inlined = ["uPlot.min.css", "uPlot.iife.min.js"];

    private readonly Lazy<string> page = new(() => Inlined.Aggregate(
        EmbeddedText.Read(Prefix + "dashboard.html"),
        (html, name) => html.Replace($"/*{name}*/", EmbeddedText.Read(Prefix + name), StringComparison.Ordinal)));

    public IResult Handle() => Results.Content(page.Value, "text/html; charset=utf-8");
}
