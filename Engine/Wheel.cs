namespace PrimeFunctions.Engine;

/// <summary>Tables of the mod-30 wheel shared by every sieving and decoding path.</summary>
/// <remarks>
/// Only the 8 residues coprime to 30 can hold a prime above 5, so one byte covers 30 integers and bit k
/// stands for residue <see cref="Residues"/>[k]. A sieving prime p = 30·q + r only needs to visit multiples
/// p·m with m coprime to 30 as well; stepping m through the 8 residues makes the byte offset advance by
/// q·gap + a correction that depends on (r, m mod 30) alone, which is what the 64-entry tables hold.
/// </remarks>
internal static class Wheel
{
    public const int Modulus = 30;

    public static ReadOnlySpan<byte> Residues => [1, 7, 11, 13, 17, 19, 23, 29];

    /// <summary>The primes that divide the modulus, and so have no bit on the wheel.</summary>
    public static ReadOnlySpan<byte> OffWheelPrimes => [2, 3, 5];

    /// <summary>Distance from residue k to residue k + 1 (wrapping from 29 to 31).</summary>
    public static ReadOnlySpan<byte> Gaps => [6, 4, 2, 4, 2, 4, 6, 2];

    /// <summary>Bit index of each residue mod 30, or 0xFF when the residue shares a factor with 30.</summary>
    public static ReadOnlySpan<byte> BitOfResidue =>
    [
        0xFF, 0, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 1, 0xFF, 0xFF, 0xFF, 2, 0xFF, 3, 0xFF,
        0xFF, 0xFF, 4, 0xFF, 5, 0xFF, 0xFF, 0xFF, 6, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 7,
    ];

    /// <summary>For n mod 30, the index of the first residue coprime to 30 that is >= n mod 30 (8 means 31).</summary>
    public static ReadOnlySpan<byte> NextResidueIndex =>
    [
        0, 0, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 4,
        4, 4, 4, 5, 5, 6, 6, 6, 6, 7, 7, 7, 7, 7, 7,
    ];

    /// <summary>Offset from the start of a 64-bit word to the integer its bit b stands for.</summary>
    public static readonly byte[] WordBitOffset = BuildWordBitOffsets();

    /// <summary>Bit crossed off for a prime of residue index r at multiplier residue index w: index r·8 + w.</summary>
    public static readonly byte[] CrossMask = new byte[64];

    /// <summary>Extra bytes beyond q·gap[w] when stepping from multiplier residue w to w + 1: index r·8 + w.</summary>
    public static readonly byte[] StepCorrection = new byte[64];

    /// <summary>Number of primes among the bits of each byte value.</summary>
    public static readonly byte[] PopCount = new byte[256];

    /// <summary>Sum of the residues of the set bits of each byte value.</summary>
    public static readonly ushort[] ResidueSum = new ushort[256];

    static Wheel()
    {
        for (var r = 0; r < 8; r++)
        {
            for (var w = 0; w < 8; w++)
            {
                var product = Residues[r] * Residues[w] % Modulus;
                CrossMask[r * 8 + w] = (byte)(1 << BitOfResidue[product]);
                StepCorrection[r * 8 + w] = (byte)((product + Residues[r] * Gaps[w]) / Modulus);
            }
        }

        for (var value = 0; value < 256; value++)
        {
            var sum = 0;
            for (var bit = 0; bit < 8; bit++)
            {
                if ((value & (1 << bit)) != 0)
                {
                    sum += Residues[bit];
                }
            }

            PopCount[value] = (byte)System.Numerics.BitOperations.PopCount((uint)value);
            ResidueSum[value] = (ushort)sum;
        }
    }

    /// <summary>Bit mask of the residues of a byte that are <= <paramref name="residue"/> (0..29).</summary>
    public static byte MaskUpTo(int residue)
    {
        var mask = 0;
        for (var bit = 0; bit < 8 && Residues[bit] <= residue; bit++)
        {
            mask |= 1 << bit;
        }

        return (byte)mask;
    }

    /// <summary>Bit mask of the residues of a byte that are >= <paramref name="residue"/> (0..29).</summary>
    public static byte MaskFrom(int residue) => (byte)~MaskUpTo(residue - 1);

    private static byte[] BuildWordBitOffsets()
    {
        var offsets = new byte[64];
        for (var bit = 0; bit < 64; bit++)
        {
            offsets[bit] = (byte)(bit / 8 * Modulus + Residues[bit % 8]);
        }

        return offsets;
    }
}
