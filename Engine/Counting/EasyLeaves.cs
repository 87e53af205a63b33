using System.Runtime.CompilerServices;
namespace PrimeFunctions.Engine.Counting;

/// <summary>
/// The special leaves p·q (p² &gt; y, q prime, p &lt; q ≤ y) whose argument n = x/(p·q) is at most y: there
/// φ(n, b − 1) is π(n) − b + 2 from the table, or 1 when n &lt; p.
/// </summary>
/// <remarks>
/// They are the most numerous leaves, and the cheapest: the leaves with n &lt; p are counted by π alone, and for the
/// rest with q above √(x/p) consecutive q share a value of π(n) in long runs, so each run is one step (found from
/// the next prime above π(n)), not one per leaf; below √(x/p) runs are short and each leaf is one division by
/// multiplication (<see cref="PrimeDivisors"/>) and one lookup in the cache-sized <see cref="PiTable"/>. No sieve,
/// so it stays with the ordinary leaves.
/// </remarks>
internal static class EasyLeaves
{
    /// <summary>
    /// Runs are walked where q &gt; ClusterFactor·√(x/p), where a run is about ClusterFactor² leaves long: a run's
    /// step is a chain of two divisions and three lookups each waiting for the last, while independent single leaves
    /// overlap in the processor, so shorter runs are cheaper one leaf at a time (2 was best of 1 to 6 at 10^15).
    /// </summary>
    private const ulong ClusterFactor = 2;

    /// <summary>
    /// The easy leaves on up to <paramref name="threads"/> threads: the levels k are independent, so they are shared
    /// out in many small runs (the low levels hold most leaves).
    /// </summary>
    public static Int128 Sum(CountParameters parameters, FactorTable table, int threads = 1)
    {
        var first = parameters.C + 1;
        var levels = table.Pi[parameters.Y] - first + 1;
        if (threads <= 1 || levels < 2)
        {
            return Sum(parameters, table, first, first + Math.Max(0, levels));
        }

        var runs = Math.Min(levels, 64 * threads);
        Int128 total = 0;
        var gate = new Lock();
        Parallel.For(
            0,
            runs,
            new ParallelOptions { MaxDegreeOfParallelism = threads },
            () => (Int128)0,
            (run, _, sum) => sum + Sum(parameters, table, first + (int)((long)levels * run / runs), first + (int)((long)levels * (run + 1) / runs)),
            sum =>
            {
                lock (gate)
                {
                    total += sum;
                }
            });
        return total;
    }

    /// <summary>The easy leaves of the levels k in [<paramref name="from"/>, <paramref name="to"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static Int128 Sum(CountParameters parameters, FactorTable table, int from, int to)
    {
        var x = parameters.X;
        ulong y = parameters.Y;
        var primes = table.Primes;
        var magic = table.PrimeMagic;
        var pi = table.Pi;
        var a = pi[y];
        Int128 sum = 0;
        for (var k = from; k < to; k++)
        {
            ulong p = primes[k];
            if (p * p <= y)
            {
                continue;
            }

            var xp = x / p;

            // n < p exactly when q > x/p²: each such leaf is φ = 1.
            var trivialFrom = Math.Min(y, Math.Max(p, xp / p));
            sum += a - pi[trivialFrom];

            var lowest = Math.Max(p, xp / (y + 1));
            var i = pi[trivialFrom];

            // Clustered (q > 2√(x/p), so n < q/4): consecutive q share π(n) in runs, one step per run.
            // Per p the leaves add up to less than π(y)² < 2^63, so they are summed in 64 bits.
            long leaves = 0;
            var clustered = Math.Max(lowest, IntegerRoots.Sqrt(xp) * ClusterFactor);
            while (primes[i] > clustered)
            {
                var n = PrimeDivisors.Divide(xp, primes[i], magic[i]);
                var t = pi[n];
                var runEnd = Math.Max(clustered, PrimeDivisors.Divide(xp, primes[t + 1], magic[t + 1]));
                var run = i - pi[runEnd];
                leaves += (long)run * (t - k + 2);
                i -= run;
            }

            // Sparse: π(n) changes from one q to the next, so each leaf is one division and one lookup.
            var first = i;
            for (; primes[i] > lowest; i--)
            {
                leaves += pi[PrimeDivisors.Divide(xp, primes[i], magic[i])];
            }

            sum += leaves - (long)(first - i) * (k - 2);
        }

        return sum;
    }
}
