namespace PrimeFunctions.Api;

/// <summary>
/// The one way the API reads a 64-bit integer from text: ASCII digits only — no sign, space, exponent, hex,
/// separator or non-ASCII digit, which the framework parsers would each accept somewhere.
/// </summary>
public static class DecimalUInt64
{
    public static bool TryParse(ReadOnlySpan<char> text, out ulong value)
    {
        value = 0;
        if (text.IsEmpty || text.Length > 20)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }

            var digit = (ulong)(c - '0');
            if (value > (ulong.MaxValue - digit) / 10)
            {
                return false;
            }

            value = value * 10 + digit;
        }

        return true;
    }
}
