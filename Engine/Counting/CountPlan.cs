namespace PrimeFunctions.Engine.Counting;

/// <summary>How one π(x) is cut: its parameters and the intervals of the special leaves' sieve, which together cover [0, x/y).</summary>
public sealed record CountPlan(CountParameters Parameters, IReadOnlyList<S2Interval> Intervals);
