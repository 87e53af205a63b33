namespace PrimeFunctions.Engine.Counting;

/// <summary>One interval [Low, High) of [0, x/y): the special leaves and P2 terms whose argument falls in it, relative to the interval's start.</summary>
/// <remarks>
/// A leaf's value is φ(n, b) or π(n), which is what the interval counts itself plus what lies below Low — known only
/// once the intervals before it are done. So the interval keeps the two apart: <see cref="Sum"/> is the part it
/// counted, <see cref="LevelSigns"/>[b − c] and <see cref="PrimeSigns"/> are how many times (with sign) it needs
/// φ(Low, b) and π(Low − 1), and <see cref="LevelCounts"/> and <see cref="PrimeCount"/> are what it adds to those
/// for the intervals after it. <see cref="PrimeCount.Combine"/> folds them in order; the result is exact however
/// the range was cut.
/// </remarks>
public sealed record S2Partial(
    ulong Low,
    ulong High,
    Int128 Sum,
    long[] LevelCounts,
    long[] LevelSigns,
    long PrimeCount,
    long PrimeSigns,
    long P2Primes);
