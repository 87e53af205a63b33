namespace PrimeFunctions.Orchestration;

/// <summary>A count job's output: the primes in [From, To], how they were counted, and the π values used (null for the sieve).</summary>
public sealed record CountResult(string From, string To, string Count, string Method, string? PiTo, string? PiBeforeFrom);
