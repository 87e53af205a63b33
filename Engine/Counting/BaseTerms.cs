namespace PrimeFunctions.Engine.Counting;

/// <summary>The terms of π(x) that need no sieve: ordinary leaves, easy leaves up to y, and a − 1; plus a = π(y), which P2's closed form needs.</summary>
public sealed record BaseTerms(Int128 Sum, long PrimesUpToY);
