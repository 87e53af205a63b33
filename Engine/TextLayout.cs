namespace PrimeFunctions.Engine;

/// <summary>
/// Where the bytes of a range's text form fall, without rendering it: every prime in [10^(k−1), 10^k) takes k
/// digits and a newline, so the length of a range is a few counts by digit band, and a byte offset maps to one
/// prime through the rank index. This is what lets a download start in the middle of a segment.
/// </summary>
public static class TextLayout
{
    /// <summary>Bytes of the text form of the <paramref name="count"/> primes of [low, high], when all of them have the same digit count.</summary>
    public static bool TryLengthFromCount(ulong low, ulong high, long count, out long bytes)
    {
        var digits = DecimalText.DigitCount(low);
        bytes = count * (digits + 1);
        return digits == DecimalText.DigitCount(high);
    }

    /// <summary>Bytes of the text form of the primes in [low, high] ∩ [bitmap.Low, bitmap.High].</summary>
    public static long Length(WheelBitmap bitmap, ulong low, ulong high)
    {
        long bytes = 0;
        foreach (var band in Bands(low, high))
        {
            bytes += bitmap.CountRange(band.Low, band.High) * (band.Digits + 1);
        }

        return bytes;
    }

    /// <summary>
    /// The prime of [low, high] whose line holds byte <paramref name="offset"/> of the range's text form, and how many
    /// bytes of that line come before the offset. The offset must be below <see cref="Length"/>.
    /// </summary>
    public static (ulong Prime, int SkipBytes) Locate(WheelBitmap bitmap, ulong low, ulong high, long offset)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        foreach (var band in Bands(Math.Max(low, bitmap.Low), Math.Min(high, bitmap.High)))
        {
            var lineLength = band.Digits + 1;
            var bandBytes = bitmap.CountRange(band.Low, band.High) * lineLength;
            if (offset < bandBytes)
            {
                var before = band.Low == bitmap.Low ? 0 : bitmap.Rank(band.Low - 1);
                return (bitmap.PrimeAt(before + offset / lineLength), (int)(offset % lineLength));
            }

            offset -= bandBytes;
        }

        throw new ArgumentOutOfRangeException(nameof(offset), "The offset is past the end of the range's text.");
    }

    /// <summary>[low, high] cut where the digit count changes.</summary>
    private static IEnumerable<(ulong Low, ulong High, int Digits)> Bands(ulong low, ulong high)
    {
        if (low > high)
        {
            yield break;
        }

        for (var digits = DecimalText.DigitCount(low); ; digits++)
        {
            var bandHigh = digits >= 20 ? ulong.MaxValue : Math.Min(high, DecimalText.PowerOfTen(digits) - 1);
            yield return (low, Math.Min(high, bandHigh), digits);
            if (bandHigh >= high)
            {
                yield break;
            }

            low = bandHigh + 1;
        }
    }
}
