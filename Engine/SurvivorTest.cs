using System.Numerics;
using System.Runtime.CompilerServices;

namespace PrimeFunctions.Engine;

/// <summary>Replaces the bucket sieve when the range is narrow compared with √high, by testing each survivor for primality.</summary>
/// <remarks>
/// The bucket sieve must generate and place every prime up to √high whatever the width: about 2 s near 2^64,
/// where there are 203 million of them, even for a range of a few thousand integers. After the small and
/// medium primes (up to the block size, 2^20 with a 1 MiB block) only about 4% of integers survive, and a
/// deterministic Miller–Rabin test costs about a microsecond each, so for widths below roughly √high /
/// <see cref="SieveConfig.SurvivorWidthDivisor"/> testing the survivors is the cheaper way to the same bitmap. Wider ranges, such as the service's segments, still take the bucket sieve.
/// </remarks>
internal static class SurvivorTest
{
    public static bool IsCheaperThanBucketSieve(ulong low, ulong high, uint root) => high - low < root / SieveConfig.SurvivorWidthDivisor;

    /// <summary>Clears the bits of survivors that are composite; bits outside the range must already be clear.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ClearComposites(byte[] bits, uint length, ulong baseValue)
    {
        var words = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, ulong>(bits.AsSpan(0, WheelBitmap.PaddedLength(length)));
        for (var w = 0; w < words.Length; w++)
        {
            var wordBase = baseValue + (ulong)w * 8 * Wheel.Modulus;
            for (var word = words[w]; word != 0; word &= word - 1)
            {
                var bit = BitOperations.TrailingZeroCount(word);
                if (!Primality.IsPrime(wordBase + Wheel.WordBitOffset[bit]))
                {
                    words[w] &= ~(1ul << bit);
                }
            }
        }
    }
}
