using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace PrimeFunctions.Engine.Counting;

/// <summary>π(n) for every n up to a limit in 16 bytes per 128 integers: a count and a bit per odd integer.</summary>
/// <remarks>
/// The easy leaves ask π(n) for hundreds of millions of n ≤ y in a pattern no prefetcher follows; an int per integer
/// (4 MiB at y = 10^6, 64 MiB at the largest y) misses the caches on nearly every lookup, while this form is 32
/// times smaller and stays in L2. Block b holds π(128b) and a word whose bit j says whether 128b + 2j + 1 is prime;
/// the bit of 1 stands for 2, the one even prime, so that π(n) is the count plus the bits up to n.
/// </remarks>
public sealed class PiTable
{
    private readonly ulong[] _blocks;

    /// <summary>The table of π up to <paramref name="limit"/>, from the ascending <paramref name="primes"/> (at least those ≤ limit).</summary>
    public PiTable(uint limit, ReadOnlySpan<uint> primes)
    {
        Limit = limit;
        _blocks = new ulong[((ulong)limit / 128 + 1) * 2];
        foreach (var p in primes)
        {
            if (p > limit)
            {
                break;
            }

            var slot = p == 2 ? 1ul : p;
            _blocks[slot / 128 * 2 + 1] |= 1ul << (int)(slot % 128 / 2);
        }

        ulong count = 0;
        for (var b = 0; b < _blocks.Length; b += 2)
        {
            _blocks[b] = count;
            count += (ulong)BitOperations.PopCount(_blocks[b + 1]);
        }
    }

    /// <summary>The table covers [0, Limit].</summary>
    public uint Limit { get; }

    /// <summary>π(n), for n ≤ <see cref="Limit"/>.</summary>
    public int this[ulong n]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get
        {
            if (n < 2)
            {
                return 0;
            }

            var b = (int)(n / 128) * 2;
            var below = (uint)((n % 128 + 1) / 2);
            var bits = _blocks[b + 1];
            var kept = Bmi2.X64.IsSupported ? Bmi2.X64.ZeroHighBits(bits, below) : below == 64 ? bits : bits & ((1ul << (int)below) - 1);
            return (int)_blocks[b] + BitOperations.PopCount(kept);
        }
    }
}
