using System.Buffers;
using System.Runtime.CompilerServices;

namespace PrimeFunctions.Engine;

/// <summary>
/// Sieving primes with one cursor each, walking their multiples in wheel order: the state <see cref="WheelCrossing"/>
/// crosses off from, for the small primes chunk by chunk and for the medium primes block by block.
/// </summary>
/// <remarks>
/// <para>
/// A prime p = 30·s + r has, per turn of the wheel (p bytes of bitmap), eight multiples p·m with m coprime to 30, at
/// byte offsets s·(w − 1) + ⌊r·w / 30⌋ from the turn's first one, for w in 1, 7, 11, 13, 17, 19, 23, 29, each on a
/// bit fixed by r·w mod 30. Those offsets and bits depend only on r, so the primes are kept grouped by their residue
/// r (eight groups), and the crossing loop is compiled once per residue with the bits and the offsets' constant
/// parts as immediates: a turn is eight AND-with-immediate stores off one cursor, then one add.
/// </para>
/// <para>
/// A prime's state is its cursor (the byte of its next multiple, counted from the bitmap's byte 0) and the wheel
/// index of that multiple: 9 bytes with the prime itself. Eight progressions per prime, each with its cursor and
/// mask, took 44 bytes and eight loop exits per prime per chunk; with a thousand small primes that state alone
/// overflowed the L1 the chunk is sized for.
/// </para>
/// <para>The arrays are rented: the sieving-prime generator builds sets per window.</para>
/// </remarks>
internal sealed class WheelPrimes : IDisposable
{
    /// <summary>Sets the cursors of <paramref name="primes"/> (ascending, all above 5) to their first multiples in [max(p², low), ...] over the bitmap of [low, ...].</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public WheelPrimes(ReadOnlySpan<uint> primes, ulong low)
    {
        var baseValue = low - low % Wheel.Modulus;
        Count = primes.Length;
        Primes = ArrayPool<uint>.Shared.Rent(Count);
        Next = ArrayPool<uint>.Shared.Rent(Count);
        WheelIndex = ArrayPool<byte>.Shared.Rent(Count);

        Span<int> fill = stackalloc int[8];
        foreach (var p in primes)
        {
            fill[Wheel.BitOfResidue[(int)(p % Wheel.Modulus)]]++;
        }

        for (int c = 0, start = 0; c < 8; c++)
        {
            var size = fill[c];
            ClassStart[c] = start;
            fill[c] = start;
            start += size;
        }

        ClassStart[8] = Count;
        foreach (var prime in primes)
        {
            ulong p = prime;
            var start = Math.Max(p * p, low);
            var multiplier = start / p + (start % p == 0 ? 0ul : 1ul);
            var w = Wheel.NextResidueIndex[(int)(multiplier % Wheel.Modulus)];
            multiplier += (ulong)(Wheel.Residues[w] - (int)(multiplier % Wheel.Modulus));
            var slot = fill[Wheel.BitOfResidue[(int)(p % Wheel.Modulus)]]++;
            Primes[slot] = prime;
            // p·multiplier may pass 2^64 just below the top of the domain; the difference is below 2^35 and exact mod 2^64.
            Next[slot] = (uint)(unchecked(p * multiplier - baseValue) / Wheel.Modulus);
            WheelIndex[slot] = w;
        }
    }

    /// <summary>Number of sieving primes; the rented arrays may be longer.</summary>
    public int Count { get; }

    /// <summary>The primes, grouped by residue mod 30 in wheel order (<see cref="ClassStart"/>), ascending within a group.</summary>
    public uint[] Primes { get; }

    /// <summary>For each prime, the byte of its next multiple, counted from the bitmap's byte 0.</summary>
    public uint[] Next { get; }

    /// <summary>For each prime p, which of the wheel's residues m is its next multiple p·m at (0 to 7, in <see cref="Wheel.Residues"/> order).</summary>
    public byte[] WheelIndex { get; }

    /// <summary>Where the primes ≡ <c>Wheel.Residues[c]</c> (mod 30) start, for c = 0 to 7; entry 8 is <see cref="Count"/>.</summary>
    public int[] ClassStart { get; } = new int[9];

    public void Dispose()
    {
        ArrayPool<uint>.Shared.Return(Primes);
        ArrayPool<uint>.Shared.Return(Next);
        ArrayPool<byte>.Shared.Return(WheelIndex);
    }
}
