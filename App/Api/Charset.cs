using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace PrimeFunctions.Api;

/// <summary>
/// Every body the service reads is UTF-8 (ASCII is part of it). A body declared in another charset is refused with
/// 415 rather than misread as UTF-8.
/// </summary>
public static class Charset
{
    private static readonly string[] Readable = ["utf-8", "utf8", "us-ascii"];

    /// <summary>The 415 answer when the request's Content-Type names a charset other than UTF-8; null when it is readable.</summary>
    public static IResult? Refuse(HttpRequest request)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type))
        {
            return null;
        }

        var charset = HeaderUtilities.RemoveQuotes(type.Charset).ToString();
        return charset.Length == 0 || Readable.Contains(charset, StringComparer.OrdinalIgnoreCase)
            ? null
            : Problems.UnsupportedMediaType($"The body is declared as charset '{charset}'; this service reads UTF-8 only. Send it as UTF-8, or leave out the charset.");
    }
}
