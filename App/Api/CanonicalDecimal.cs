namespace PrimeFunctions.Api;

/// <summary>
/// A non-negative integer of any length as the API reads it: ASCII digits only — no sign, space, exponent,
/// separator or non-ASCII digit — and, once leading zeros are stripped, the one canonical spelling that names
/// a number's job.
/// </summary>
public static class CanonicalDecimal
{
    /// <summary>The canonical digits of <paramref name="text"/>, or null when it is not a plain decimal integer.</summary>
    public static string? Canonicalize(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return null;
        }

        foreach (var c in text)
        {
            if (c is < '0' or > '9')
            {
                return null;
            }
        }

        var significant = text.TrimStart('0');
        return significant.IsEmpty ? "0" : significant.ToString();
    }
}
