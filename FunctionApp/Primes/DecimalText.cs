namespace PrimeFunctions.Primes;

/// <summary>Renders 64-bit integers as ASCII decimal, two digits per division, without allocating.</summary>
/// <remarks>
/// Streaming the text form is mostly this: 50 million primes below 10^9 make 500 MB of text. Dividing by 100
/// (a multiply-high for the JIT) and looking up both digits halves the divisions of digit-at-a-time
/// formatting, and the digit count comes from the bit length, so each line is written once, in place.
/// </remarks>
internal static class DecimalText
{
    /// <summary>Longest line: 20 digits and the newline.</summary>
    public const int MaxLineLength = 21;

    private static ReadOnlySpan<byte> DigitPairs =>
        "00010203040506070809101112131415161718192021222324252627282930313233343536373839"u8 +
        "40414243444546474849505152535455565758596061626364656667686970717273747576777879"u8 +
        "8081828384858687888990919293949596979899"u8;

    private static ReadOnlySpan<ulong> PowersOfTen =>
    [
        1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000,
        10_000_000_000, 100_000_000_000, 1_000_000_000_000, 10_000_000_000_000, 100_000_000_000_000,
        1_000_000_000_000_000, 10_000_000_000_000_000, 100_000_000_000_000_000, 1_000_000_000_000_000_000,
        10_000_000_000_000_000_000,
    ];

    /// <summary>Number of decimal digits of <paramref name="value"/>.</summary>
    public static int DigitCount(ulong value)
    {
        var guess = (64 - System.Numerics.BitOperations.LeadingZeroCount(value | 1)) * 1233 >> 12;
        return guess + (value >= PowersOfTen[guess] ? 1 : 0);
    }

    /// <summary>Writes the <paramref name="digits"/> digits of <paramref name="value"/> into the start of <paramref name="destination"/>.</summary>
    public static void Write(ulong value, int digits, Span<byte> destination)
    {
        var pairs = DigitPairs;
        var i = digits;
        while (value >= 100)
        {
            var quotient = value / 100;
            var pair = (int)(value - quotient * 100) * 2;
            destination[--i] = pairs[pair + 1];
            destination[--i] = pairs[pair];
            value = quotient;
        }

        if (value >= 10)
        {
            destination[1] = pairs[(int)value * 2 + 1];
            destination[0] = pairs[(int)value * 2];
        }
        else
        {
            destination[0] = (byte)('0' + value);
        }
    }
}
