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

    /// <summary>
    /// π(x) with the given split (Bench tunes α through this). The base terms are one more work item beside the
    /// intervals, taken first, so that on several threads they do not run alone after the rest.
    /// </summary>
    internal static ulong Combinatorial(CountParameters parameters, int threads)
    {
        var plan = Plan(parameters, Math.Max(1, threads) * 8);
        var parts = new S2Partial[plan.Intervals.Count];
        BaseTerms? baseTerms = null;
        Parallel.For(
            -1,
            parts.Length,
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, threads) },
            i =>
            {
                if (i < 0)
                {
                    baseTerms = ComputeBase(plan.Parameters, threads);
                }
                else
                {
                    parts[i] = ComputeS2Interval(plan.Parameters, plan.Intervals[i]);
                }
            });
        return Combine(plan.Parameters, baseTerms!, parts);
    }

    /// <summary>The parameters for x and at most <paramref name="maxIntervals"/> intervals of whole sieve segments covering [0, x/y), cut to take about equal work.</summary>
    public static CountPlan Plan(ulong x, int maxIntervals) => Plan(CountParameters.For(x), maxIntervals);

    /// <summary>
    /// Cuts [0, x/y) where the work is about equal rather than the widths. The work is not spread evenly: the hard
    /// leaves crowd in just above y, so with equal widths the first of 16 intervals took half the time of π(10^16)
    /// (`Bench count 1e16 --profile 16`), and that one interval bounded every thread and worker. The cut follows a
    /// model of the work per integer n, fitted to that profile: a share <see cref="EvenShare"/> spread evenly (the
    /// sieve itself), the rest falling as n^−1.5 from y up (the leaves; below y there are almost none).
    /// </summary>
    internal static CountPlan Plan(CountParameters parameters, int maxIntervals)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxIntervals, 1);
        var limit = parameters.SieveLimit;
        var segments = (limit + SpecialLeaves.SegmentSpan - 1) / SpecialLeaves.SegmentSpan;
        var count = (int)Math.Min((ulong)maxIntervals, segments);
        var intervals = new List<S2Interval>(count);
        ulong low = 0;
        for (var i = 1; i <= count && low < limit; i++)
        {
            var cut = i == count ? segments : (ulong)Math.Ceiling(WorkInverse(parameters, (double)i / count) / SpecialLeaves.SegmentSpan);
            var high = Math.Min(limit, Math.Max(cut, low / SpecialLeaves.SegmentSpan + 1) * SpecialLeaves.SegmentSpan);
            intervals.Add(new S2Interval(low, high));
            low = high;
        }

        return new CountPlan(parameters, intervals);
    }

    /// <summary>The share of <see cref="Plan(CountParameters, int)"/>'s model of the work that is spread evenly over [0, x/y).</summary>
    private const double EvenShare = 0.4;

    /// <summary>The share of the modelled work below n (0 at 0, 1 at x/y).</summary>
    private static double Work(CountParameters parameters, double n)
    {
        double limit = parameters.SieveLimit, y = parameters.Y;
        static double Leaves(double n, double y) => n <= y ? 0 : 1 - Math.Sqrt(y / n);
        var leaves = Leaves(limit, y);
        return leaves <= 0 ? n / limit : EvenShare * n / limit + (1 - EvenShare) * Leaves(n, y) / leaves;
    }

    /// <summary>The n at which <see cref="Work"/> reaches <paramref name="share"/>, by bisection.</summary>
    private static double WorkInverse(CountParameters parameters, double share)
    {
        double low = 0, high = parameters.SieveLimit;
        for (var i = 0; i < 100 && high - low > 1; i++)
        {
            var middle = (low + high) / 2;
            (low, high) = Work(parameters, middle) < share ? (middle, high) : (low, middle);
        }

        return high;
    }

    /// <summary>The terms computed from the small tables alone.</summary>
    /// <remarks>
    /// The easy leaves take most of it and share out over <paramref name="threads"/>: the base terms are one piece of
    /// work beside the intervals, and on one thread they ran alone for the last tenth of π(10^18) on two cores.
    /// </remarks>
    public static BaseTerms ComputeBase(CountParameters parameters, int threads = 1)
    {
        var table = FactorTable.UpTo(parameters.Y);
        var a = table.Pi[parameters.Y];
        var sum = OrdinaryLeaves.Sum(parameters, table) + EasyLeaves.Sum(parameters, table, threads) + a - 1;
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
            count += (ulong)SegmentSieve.Count(low, high);
            if (high == x)
            {
                break;
            }

            low = high + 1;
        }

        return count;
    }
}
