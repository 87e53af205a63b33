using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace PrimeFunctions.Api;

/// <summary>
/// State changes only from the service's own origin. A browser names the page that sent a request in
/// <c>Origin</c> on every cross-origin POST and DELETE, so a state-changing request (any method but GET, HEAD and
/// OPTIONS) whose <c>Origin</c> is another site — not this request's own host, nor one the setting
/// <c>AllowedHosts</c> names (wildcards aside), or the opaque <c>null</c> — is refused with 403. And since an HTML
/// form can post to any site, the two content types only a form sends for data (<c>application/x-www-form-urlencoded</c>,
/// <c>multipart/form-data</c>) are refused with 415 on those methods: no route reads them. Clients without a page —
/// curl, scripts, the CLI — send no <c>Origin</c> and pass, as do the dashboard's own requests. Both hosts run it
/// before any route; in Azure the function key remains the gate for every route besides.
/// </summary>
public sealed class CrossSiteRequestRule
{
    public const string AllowedHostsSetting = "AllowedHosts";

    private static readonly string[] FormContentTypes = ["application/x-www-form-urlencoded", "multipart/form-data"];

    private readonly List<StringSegment> allowedHosts;

    public CrossSiteRequestRule(IConfiguration configuration) =>
        allowedHosts = (configuration[AllowedHostsSetting] ?? "")
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(host => !host.Contains('*', StringComparison.Ordinal))
            .Select(host => new StringSegment(host))
            .ToList();

    /// <summary>The answer refusing <paramref name="request"/>, or null when it may go on.</summary>
    public IResult? Refuse(HttpRequest request)
    {
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method))
        {
            return null;
        }

        if (request.Headers.Origin is { Count: > 0 } origin && !IsOwnOrigin(origin.ToString(), request))
        {
            return Results.Problem(
                title: "Cross-site request refused",
                detail: $"The header Origin '{Problems.Excerpt(origin.ToString())}' names another site: a {request.Method} that changes state is accepted " +
                        $"only from this service's own origin ({request.Host}) or a host the setting {AllowedHostsSetting} names.",
                statusCode: StatusCodes.Status403Forbidden);
        }

        if (MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType)
            && FormContentTypes.Any(form => contentType.MediaType.Equals(form, StringComparison.OrdinalIgnoreCase)))
        {
            return Problems.UnsupportedMediaType(
                $"Content-Type {contentType.MediaType} is what an HTML form sends, and no route reads it: send JSON (application/json), " +
                "the digits as text/plain to /api/isprime, or no body.");
        }

        return null;
    }

    private bool IsOwnOrigin(string origin, HttpRequest request)
    {
        if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            return false;
        }

        var host = uri.IsDefaultPort ? uri.Host : $"{uri.Host}:{uri.Port}";
        return string.Equals(host, request.Host.Value, StringComparison.OrdinalIgnoreCase)
            || (allowedHosts.Count > 0 && HostString.MatchesAny(new StringSegment(uri.Host), allowedHosts));
    }
}
