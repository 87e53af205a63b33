namespace PrimeFunctions.Primes;

/// <summary>A sieving prime p = 30·Step + residue, positioned on its next multiple in the wheel bitmap.</summary>
internal struct SievingCursor
{
    /// <summary>p / 30: the whole bytes one wheel gap of 1 covers.</summary>
    public uint Step;

    /// <summary>Byte index of the next multiple, from the start of the bitmap.</summary>
    public uint Index;

    /// <summary>Bit index of p mod 30 (0..7).</summary>
    public int Residue;

    /// <summary>Residue index (0..7) of the multiplier m of the next multiple p·m.</summary>
    public int WheelIndex;

    /// <summary>Finds the first multiple p·m >= max(p², low) with m coprime to 30; false when it is above <paramref name="high"/>.</summary>
    public static bool TryCreate(uint prime, ulong low, ulong high, out SievingCursor cursor)
    {
        ulong p = prime;
        var start = Math.Max(p * p, low);
        var m = start / p + (start % p == 0 ? 0ul : 1ul);
        var w = (int)Wheel.NextResidueIndex[(int)(m % Wheel.Modulus)];
        m -= m % Wheel.Modulus;
        if (w == 8)
        {
            m += Wheel.Modulus;
            w = 0;
        }

        m += Wheel.Residues[w];
        if (m > high / p)
        {
            cursor = default;
            return false;
        }

        var baseValue = low - low % Wheel.Modulus;
        cursor = new SievingCursor
        {
            Step = prime / Wheel.Modulus,
            Index = (uint)((p * m - baseValue) / Wheel.Modulus),
            Residue = Wheel.BitOfResidue[(int)(prime % Wheel.Modulus)],
            WheelIndex = w,
        };
        return true;
    }
}
