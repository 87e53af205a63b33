using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace PrimeFunctions.Engine;

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

    /// <summary>The two ASCII digits of <paramref name="value"/> (below 100), as a reference to the first.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ref readonly byte Pair(uint value) => ref Unsafe.Add(ref MemoryMarshal.GetReference(DigitPairs), (nint)value * 2);

    /// <summary>10^<paramref name="exponent"/>, for exponents 0 to 19.</summary>
    public static ulong PowerOfTen(int exponent) => PowersOfTen[exponent];

    /// <summary>Number of decimal digits of <paramref name="value"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int DigitCount(ulong value)
    {
        var guess = (64 - System.Numerics.BitOperations.LeadingZeroCount(value | 1)) * 1233 >> 12;
        return guess + (value >= PowersOfTen[guess] ? 1 : 0);
    }

    /// <summary>Writes the <paramref name="digits"/> digits of <paramref name="value"/> into the start of <paramref name="destination"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Write(ulong value, int digits, Span<byte> destination)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(digits, destination.Length);
        ref var pairs = ref MemoryMarshal.GetReference(DigitPairs);
        ref var start = ref MemoryMarshal.GetReference(destination);
        var i = (nuint)digits;
        while (value > uint.MaxValue)
        {
            var quotient = value / 100;
            i -= 2;
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref start, i), Unsafe.ReadUnaligned<ushort>(ref Unsafe.Add(ref pairs, (nuint)(value - quotient * 100) * 2)));
            value = quotient;
        }

        // 32-bit divisions are cheaper, and every value below 2^64 has at most 10 digits left by now.
        var small = (uint)value;
        while (small >= 100)
        {
            var quotient = small / 100;
            i -= 2;
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref start, i), Unsafe.ReadUnaligned<ushort>(ref Unsafe.Add(ref pairs, (nuint)(small - quotient * 100) * 2)));
            small = quotient;
        }

        if (small >= 10)
        {
            Unsafe.WriteUnaligned(ref start, Unsafe.ReadUnaligned<ushort>(ref Unsafe.Add(ref pairs, (nuint)small * 2)));
        }
        else
        {
            start = (byte)('0' + small);
        }
    }
}
