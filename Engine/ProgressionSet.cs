using System.Buffers;
using System.Runtime.CompilerServices;

namespace PrimeFunctions.Engine;

/// <summary>Sieving primes held as eight arithmetic progressions each: the state <see cref="EratSmall"/> and <see cref="EratMedium"/> cross off from.</summary>
/// <remarks>
/// For a prime p, the multiples p·m with m in one residue class mod 30 always land on the same bit, p bytes
/// apart. So a prime is eight progressions with fixed masks, and crossing off is a load, an AND and a store
/// per multiple with no table lookups and no dependency between successive steps other than an add.
/// The cursors are absolute byte indices into the range's bitmap; a cursor past its end means "no more".
/// The arrays are rented: the sieving-prime generator builds a set per window, and fresh arrays of this
/// size would pile up on the large-object heap between full collections.
/// </remarks>
internal sealed class ProgressionSet : IDisposable
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public ProgressionSet(ReadOnlySpan<uint> primes, ulong low, ulong high, uint length)
    {
        var baseValue = low - low % Wheel.Modulus;
        Count = primes.Length;
        Primes = ArrayPool<uint>.Shared.Rent(Count);
        Masks = ArrayPool<byte>.Shared.Rent(Count * 8);
        Next = ArrayPool<uint>.Shared.Rent(Count * 8);
        primes.CopyTo(Primes);
        for (var j = 0; j < Count; j++)
        {
            ulong p = Primes[j];
            var residueIndex = Wheel.BitOfResidue[(int)(p % Wheel.Modulus)];
            var start = Math.Max(p * p, low);
            var firstMultiplier = start / p + (start % p == 0 ? 0ul : 1ul);
            var maxMultiplier = high / p;
            for (var k = 0; k < 8; k++)
            {
                var m = firstMultiplier - firstMultiplier % Wheel.Modulus + Wheel.Residues[k];
                if (m < firstMultiplier)
                {
                    m += Wheel.Modulus;
                }

                Masks[j * 8 + k] = (byte)~Wheel.CrossMask[residueIndex * 8 + k];
                Next[j * 8 + k] = m <= maxMultiplier ? (uint)((p * m - baseValue) / Wheel.Modulus) : length;
            }
        }
    }

    /// <summary>Number of sieving primes; the rented arrays may be longer.</summary>
    public int Count { get; }

    /// <summary>The sieving primes; also each progression's stride in bytes.</summary>
    public uint[] Primes { get; }

    /// <summary>For progression 8·j + k, the byte mask that clears its bit.</summary>
    public byte[] Masks { get; }

    /// <summary>For progression 8·j + k, the byte index of its next multiple.</summary>
    public uint[] Next { get; }

    public void Dispose()
    {
        ArrayPool<uint>.Shared.Return(Primes);
        ArrayPool<byte>.Shared.Return(Masks);
        ArrayPool<uint>.Shared.Return(Next);
    }
}
