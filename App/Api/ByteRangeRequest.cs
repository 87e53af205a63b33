using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Headers;

namespace PrimeFunctions.Api;

/// <summary>
/// What a GET asks of a representation's bytes (RFC 9110 §14): the whole of it, one satisfiable range, or a range
/// that cannot be satisfied. Anything the server may ignore is ignored — a malformed or non-byte <c>Range</c>, several
/// ranges (answered with the whole body, as §14.2 allows), or an <c>If-Range</c> that does not strongly match the
/// current entity tag (a date never matches: the text has no <c>Last-Modified</c>).
/// </summary>
public sealed record ByteRangeRequest(ByteRangeRequest.Kind Outcome, long Start, long End)
{
    public enum Kind
    {
        Whole,
        Partial,
        Unsatisfiable,
    }

    public static ByteRangeRequest Read(HttpRequest request, string entityTag, long length)
    {
        var whole = new ByteRangeRequest(Kind.Whole, 0, length - 1);
        var headers = request.GetTypedHeaders();
        if (!HttpMethods.IsGet(request.Method) || headers.Range is not { } range
            || !string.Equals(range.Unit.Value, "bytes", StringComparison.OrdinalIgnoreCase) || range.Ranges.Count != 1)
        {
            return whole;
        }

        if (headers.IfRange is { } condition
            && (condition.EntityTag is not { IsWeak: false } tag || !string.Equals(tag.Tag.Value, entityTag, StringComparison.Ordinal)))
        {
            return whole;
        }

        var (from, to) = (range.Ranges.Single().From, range.Ranges.Single().To);
        if (from is { } start)
        {
            return start < length
                ? new ByteRangeRequest(Kind.Partial, start, Math.Min(to ?? long.MaxValue, length - 1))
                : new ByteRangeRequest(Kind.Unsatisfiable, 0, -1);
        }

        return to is > 0 && length > 0
            ? new ByteRangeRequest(Kind.Partial, Math.Max(0, length - to.Value), length - 1)
            : new ByteRangeRequest(Kind.Unsatisfiable, 0, -1);
    }

    public long Length => End - Start + 1;
}
