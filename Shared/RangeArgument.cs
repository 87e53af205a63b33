using System.CommandLine.Parsing;
using System.Globalization;
using System.Numerics;

namespace PrimeFunctions.CommandLine;

/// <summary>
/// Parses numbers written as sums and differences of integers, powers of ten (1e9) and powers (2^64), e.g. 2^64-1e5:
/// range ends (64-bit) and numbers to test (any size).
/// </summary>
internal static class RangeArgument
{
    // Past this a term is not a number anyone tests (the service takes far fewer digits), only a way to fill memory.
    private const int MaxDigits = 1_000_000;

    public static Func<ArgumentResult, ulong> Parser(ulong fallback) => result =>
    {
        if (result.Tokens.Count == 0)
        {
            return fallback;
        }

        var text = result.Tokens[0].Value;
        if (TryParse(text, out ulong value))
        {
            return value;
        }

        result.AddError($"'{text}' is not an integer in [0, 2^64-1] (forms: 1000, 1e9, 10^9, 2^64-1e5).");
        return 0;
    };

    public static bool TryParse(string text, out ulong value)
    {
        value = 0;
        if (!TryParse(text, out BigInteger total) || total > ulong.MaxValue)
        {
            return false;
        }

        value = (ulong)total;
        return true;
    }

    /// <summary>A non-negative integer of any size written in the same forms: 2^127-1, 10^9+7, 1e9+7.</summary>
    public static bool TryParse(string text, out BigInteger value)
    {
        value = BigInteger.Zero;
        var sign = 1;
        var start = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i < text.Length && text[i] is not ('+' or '-'))
            {
                continue;
            }

            if (!TryParseTerm(text[start..i].Trim(), out var term))
            {
                return false;
            }

            value += sign * term;
            sign = i < text.Length && text[i] == '-' ? -1 : 1;
            start = i + 1;
        }

        return value >= 0;
    }

    private static bool TryParseTerm(string term, out BigInteger value)
    {
        var power = term.IndexOfAny(['e', 'E', '^']);
        if (power <= 0)
        {
            return BigInteger.TryParse(term, NumberStyles.None, CultureInfo.InvariantCulture, out value);
        }

        value = 0;
        if (!BigInteger.TryParse(term[..power], NumberStyles.None, CultureInfo.InvariantCulture, out var mantissa)
            || !int.TryParse(term[(power + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var exponent)
            || (term[power] == '^' ? BigInteger.Log10(BigInteger.Max(mantissa, 1)) * exponent : BigInteger.Log10(BigInteger.Max(mantissa, 1)) + exponent) > MaxDigits)
        {
            return false;
        }

        value = term[power] == '^' ? BigInteger.Pow(mantissa, exponent) : mantissa * BigInteger.Pow(10, exponent);
        return true;
    }
}
