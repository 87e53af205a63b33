namespace PrimeFunctions.Engine.Counting;

/// <summary>π(x) for any 64-bit x by the combinatorial method of Lagarias, Miller and Odlyzko with Deléglise and Rivat's easy leaves.</summary>
/// <remarks>
/// π(x) = φ(x, a) + a − 1 − P2(x, a) with a = π(y), y ≥ ∛x, and φ(x, a) split into the ordinary leaves
/// (<see cref="OrdinaryLeaves"/>), the easy special leaves (<see cref="EasyLeaves"/>) and the rest of the special
/// leaves, which with P2 need π and φ up to x/y (<see cref="SpecialLeaves"/>). That last part is nearly all the
/// work, and it splits: <see cref="Plan"/> cuts [0, x/y) into intervals, <see cref="ComputeS2Interval"/> does one
/// anywhere, <see cref="Combine"/> adds them exactly. Below <see cref="SieveThreshold"/> the engine's sieve is faster.
/// </remarks>
public static class PrimeCount
{
    /// <summary>Below this, π(x) is counted by the wheel sieve.</summary>
    public const ulong SieveThreshold = 100_000_000;

    /// <summary>π(x): the number of primes ≤ x.</summary>
    public static ulong Pi(ulong x, int threads = 1) => x < SieveThreshold ? SieveCount(x) : Combinatorial(x, threads);

    /// <summary>π(x) by the combinatorial method whatever x (≥ 64): the plan run in this process on <paramref name="threads"/> threads.</summary>
    public static ulong Combinatorial(ulong x, int threads = 1) => Combinatorial(CountParameters.For(x), threads);

    /// <summary>π(x) with the given split (Bench tunes α through this).</summary>
    internal static ulong Combinatorial(CountParameters parameters, int threads)
    {
        var plan = Plan(parameters, Math.Max(1, threads) * 8);
        var parts = new S2Partial[plan.Intervals.Count];
        Parallel.For(
            0,
            parts.Length,
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, threads) },
            i => parts[i] = ComputeS2Interval(plan.Parameters, plan.Intervals[i]));
        return Combine(plan.Parameters, ComputeBase(plan.Parameters), parts);
    }

    /// <summary>The parameters for x and at most <paramref name="maxIntervals"/> intervals of whole sieve segments covering [0, x/y).</summary>
    public static CountPlan Plan(ulong x, int maxIntervals) => Plan(CountParameters.For(x), maxIntervals);

    private static CountPlan Plan(CountParameters parameters, int maxIntervals)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxIntervals, 1);
        var limit = parameters.SieveLimit;
        var segments = (limit + SpecialLeaves.SegmentSpan - 1) / SpecialLeaves.SegmentSpan;
        var count = (ulong)Math.Min((ulong)maxIntervals, segments);
        var intervals = new S2Interval[count];
        ulong low = 0;
        for (ulong i = 0; i < count; i++)
        {
            var high = i == count - 1 ? limit : (segments * (i + 1) / count) * SpecialLeaves.SegmentSpan;
            intervals[i] = new S2Interval(low, high);
            low = high;
        }

        return new CountPlan(parameters, intervals);
    }

    /// <summary>The terms computed from the small tables alone.</summary>
    public static BaseTerms ComputeBase(CountParameters parameters)
    {
        var table = FactorTable.UpTo(parameters.Y);
        var a = table.Pi[parameters.Y];
        var sum = OrdinaryLeaves.Sum(parameters, table) + EasyLeaves.Sum(parameters, table) + a - 1;
        return new BaseTerms(sum, a);
    }

    /// <summary>The special leaves and P2 terms of one interval (any order, any machine).</summary>
    public static S2Partial ComputeS2Interval(CountParameters parameters, S2Interval interval)
    {
        if ((interval.Low & 1) != 0 || interval.High < interval.Low)
        {
            throw new ArgumentException("An interval starts at an even number and does not end before it starts.", nameof(interval));
        }

        return SpecialLeaves.Compute(parameters, FactorTable.UpTo(parameters.Y), interval);
    }

    /// <summary>π(x) from the base terms and the partial sums of intervals covering [0, x/y), in any order.</summary>
    public static ulong Combine(CountParameters parameters, BaseTerms baseTerms, IEnumerable<S2Partial> partials)
    {
        var ordered = partials.OrderBy(p => p.Low).ToList();
        ulong expectedLow = 0;
        foreach (var part in ordered)
        {
            if (part.Low != expectedLow)
            {
                throw new ArgumentException($"The intervals leave a gap or overlap at {expectedLow}.", nameof(partials));
            }

            expectedLow = part.High;
        }

        if (expectedLow < parameters.SieveLimit)
        {
            throw new ArgumentException($"The intervals end at {expectedLow}, before {parameters.SieveLimit}.", nameof(partials));
        }

        var levels = ordered.Count == 0 ? 0 : ordered.Max(p => p.LevelCounts.Length);
        var phiBelow = new long[levels];
        long primesBelow = 0, p2Primes = 0;
        var total = baseTerms.Sum;
        foreach (var part in ordered)
        {
            total += part.Sum + (Int128)part.PrimeSigns * primesBelow;
            for (var j = 0; j < part.LevelSigns.Length; j++)
            {
                total += (Int128)part.LevelSigns[j] * phiBelow[j];
                phiBelow[j] += part.LevelCounts[j];
            }

            primesBelow += part.PrimeCount;
            p2Primes += part.P2Primes;
        }

        // P2's closed part: the i-th prime above y contributes −(i − 1), for i = a + 1 … a + (primes in (y, √x]).
        total += (Int128)p2Primes * baseTerms.PrimesUpToY + (Int128)p2Primes * (p2Primes - 1) / 2;
        return (ulong)total;
    }

    private static ulong SieveCount(ulong x)
    {
        ulong count = 0;
        for (ulong low = 0; low <= x;)
        {
            var high = Math.Min(x, low + (1ul << 30) - 1);
            count += (ulong)SegmentSieve.Sieve(low, high).Count;
            if (high == x)
            {
                break;
            }

            low = high + 1;
        }

        return count;
    }
}
