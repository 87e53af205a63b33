namespace PrimeFunctions.Orchestration;

/// <summary>An n-th prime job's output: the prime, the estimate it started from, and π there.</summary>
public sealed record NthPrimeResult(string N, string Prime, string Estimate, string PiAtEstimate);
