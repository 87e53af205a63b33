namespace PrimeFunctions.Orchestration;

/// <summary>
/// A count job's output: the primes in [From, To], how they were counted, the π values used (null for the sieve), and
/// how many stored grid segments were counted from the cache instead of sieved (null for the combinatorial method).
/// </summary>
public sealed record CountResult(string From, string To, string Count, string Method, string? PiTo, string? PiBeforeFrom, int? SegmentsCached);
