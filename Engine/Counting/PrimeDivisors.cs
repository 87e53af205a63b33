using System.Numerics;
using System.Runtime.CompilerServices;

namespace PrimeFunctions.Engine.Counting;

/// <summary>
/// Division of any 64-bit n by a prime of the factor table as a multiplication: the leaf loops divide x/p by
/// hundreds of millions of primes q, and a hardware 64-bit division costs ten times a multiply-high.
/// </summary>
/// <remarks>
/// For d with 2^L &lt; d &lt; 2^(L+1) the 65-bit magic number M = ⌊2^(65+L)/d⌋ + 1 gives ⌊n/d⌋ = ⌊n·M / 2^(65+L)⌋
/// for every n &lt; 2^64 (the round-up method of Granlund and Montgomery, as libdivide's branch-free form uses it).
/// M's top bit is implicit: the table keeps M − 2^64, and the quotient is rebuilt as ((n − h)/2 + h) / 2^L with
/// h = ⌊n·(M − 2^64) / 2^64⌋, which never overflows. The leaf loops divide by odd primes only; 2 has no magic number.
/// </remarks>
internal static class PrimeDivisors
{
    /// <summary>The magic number of each odd prime of <paramref name="primes"/>, at the same index (0 for 2 and unused slots).</summary>
    public static ulong[] For(uint[] primes)
    {
        var magic = new ulong[primes.Length];
        for (var i = 0; i < primes.Length; i++)
        {
            magic[i] = primes[i] > 2 ? Magic(primes[i]) : 0;
        }

        return magic;
    }

    /// <summary>M − 2^64 for a divisor d ≥ 3 that is not a power of two.</summary>
    public static ulong Magic(uint d)
    {
        if (d < 3 || BitOperations.IsPow2(d))
        {
            throw new ArgumentOutOfRangeException(nameof(d), d, "A divisor here is at least 3 and not a power of two.");
        }

        return (ulong)((UInt128.One << (65 + Log(d))) / d + 1);
    }

    /// <summary>⌊n/d⌋, with <paramref name="magic"/> = <see cref="Magic"/>(d).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Divide(ulong n, uint d, ulong magic)
    {
        var high = Math.BigMul(n, magic, out _);
        return (((n - high) >> 1) + high) >> Log(d);
    }

    private static int Log(uint d) => 31 - BitOperations.LeadingZeroCount(d);
}
