namespace PrimeFunctions.Engine.Counting;

/// <summary>An interval [Low, High) of the special leaves' sieve; Low and High are even.</summary>
public readonly record struct S2Interval(ulong Low, ulong High);
