using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Headers;
using Microsoft.Net.Http.Headers;

namespace PrimeFunctions.Api;

/// <summary>
/// What a GET asks of a representation's bytes (RFC 9110 §14): the whole of it, one satisfiable range, or a range
/// that cannot be satisfied. Anything the server may ignore is ignored — a malformed or non-byte <c>Range</c>, several
/// ranges (answered with the whole body, as §14.2 allows), or an <c>If-Range</c> that does not strongly match the
/// current entity tag (a date never matches: the text has no <c>Last-Modified</c>).
/// </summary>
/// <remarks>
/// The range itself is read here rather than by <see cref="RangeHeaderValue"/>: a position is any run of digits
/// (§14.1.1), and one too large for a <see cref="long"/> is still a valid position past the end — unsatisfiable,
/// where the framework's parser would call the header malformed and answer the whole text.
/// </remarks>
public sealed record ByteRangeRequest(ByteRangeRequest.Kind Outcome, long Start, long End)
{
    private const string Unit = "bytes=";

    public enum Kind
    {
        Whole,
        Partial,
        Unsatisfiable,
    }

    public static ByteRangeRequest Read(HttpRequest request, string entityTag, long length)
    {
        var whole = new ByteRangeRequest(Kind.Whole, 0, length - 1);
        if (!HttpMethods.IsGet(request.Method) || request.Headers.Range is not [{ } header] || !TryParse(header, out var from, out var to))
        {
            return whole;
        }

        var headers = request.GetTypedHeaders();
        if (headers.IfRange is { } condition
            && (condition.EntityTag is not { IsWeak: false } tag || !string.Equals(tag.Tag.Value, entityTag, StringComparison.Ordinal)))
        {
            return whole;
        }

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

    /// <summary>
    /// One <c>bytes=first-[last]</c> or <c>bytes=-suffix</c>; false for anything else, several ranges included.
    /// Positions past <see cref="long.MaxValue"/> read as <see cref="long.MaxValue"/>: no text is that long.
    /// </summary>
    private static bool TryParse(string header, out long? from, out long? to)
    {
        (from, to) = (null, null);
        var value = header.AsSpan().Trim();
        if (!value.StartsWith(Unit, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var spec = value[Unit.Length..].Trim();
        var dash = spec.IndexOf('-');
        if (dash < 0 || !TryPosition(spec[..dash], out from) || !TryPosition(spec[(dash + 1)..], out to) || from is null && to is null)
        {
            return false;
        }

        return from is null || to is null || from <= to;
    }

    /// <summary>A run of decimal digits (saturating at <see cref="long.MaxValue"/>), or nothing at all.</summary>
    private static bool TryPosition(ReadOnlySpan<char> digits, out long? position)
    {
        position = null;
        if (digits.IsEmpty)
        {
            return true;
        }

        long value = 0;
        foreach (var digit in digits)
        {
            if (!char.IsAsciiDigit(digit))
            {
                return false;
            }

            value = value > (long.MaxValue - 9) / 10 ? long.MaxValue : value * 10 + (digit - '0');
        }

        position = value;
        return true;
    }
}
