namespace PrimeFunctions.Engine.Counting;

/// <summary>The split of one π(x) computation: y bounds the ordinary leaves and the small tables, x/y the special leaves' sieve.</summary>
/// <remarks>
/// The sieve of special leaves runs over [0, x/y), so a larger y means less sieving but more leaves to visit and
/// larger tables; y = α·∛x with α growing slowly with x balances them (measured on this machine, see
/// docs/performance.md). y ≥ ∛x is what makes the formula exact: no integer ≤ x has three prime factors above y.
/// C is how many of the smallest primes the φ(v, c) table absorbs.
/// </remarks>
/// <param name="X">The argument of π.</param>
/// <param name="Y">The leaf bound, ∛x ≤ y ≤ <see cref="MaxY"/>.</param>
/// <param name="C">Primes absorbed by the constant-time φ table, at most <see cref="PhiTiny.MaxC"/>.</param>
public sealed record CountParameters(ulong X, uint Y, int C)
{
    /// <summary>Largest y: its tables take 2 × 64 MiB.</summary>
    public const uint MaxY = 1u << 24;

    /// <summary>Exclusive, even upper end of the special leaves' sieve: every leaf x/n is at most x/y.</summary>
    public ulong SieveLimit => (X / Y + 2) & ~1ul;

    /// <summary>The parameters this engine uses for <paramref name="x"/> (at least 64).</summary>
    public static CountParameters For(ulong x) => For(x, Alpha(x));

    /// <summary>The parameters with y = α·∛x, clamped to [∛x, min(√x, <see cref="MaxY"/>)].</summary>
    public static CountParameters For(ulong x, double alpha)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(x, 64ul);
        var cube = IntegerRoots.Cbrt(x);
        var y = (ulong)Math.Min(alpha * cube, Math.Min(IntegerRoots.Sqrt(x), MaxY));
        y = Math.Max(y, cube);
        var a = PrimeCountBelow((uint)y);
        return new CountParameters(x, (uint)y, Math.Min(PhiTiny.MaxC, a));
    }

    /// <summary>α grows with log x: the sieve's share of the work falls as the leaves' grows (8 was best at 10^14 of 2 to 32 tried).</summary>
    internal static double Alpha(ulong x) => Math.Max(1, Math.Log10(x) - 6);

    private static int PrimeCountBelow(uint y)
    {
        var count = 0;
        foreach (var p in (ReadOnlySpan<uint>)[2, 3, 5, 7, 11, 13])
        {
            if (p <= y)
            {
                count++;
            }
        }

        return count;
    }
}
