using BenchmarkDotNet.Attributes;
using PrimeFunctions.Engine;

namespace PrimeFunctions.Bench.Kernels;

/// <summary>One Sieve call of 10^8 integers in each regime: small primes dominate near 0, medium near 10^10, the bucket sieve near 10^14 and above.</summary>
[ShortRunJob]
[MemoryDiagnoser]
public class SieveBenchmarks
{
    private const ulong Width = 100_000_000;

    [Params(0ul, 10_000_000_000ul, 100_000_000_000_000ul, 1_000_000_000_000_000_000ul)]
    public ulong Low { get; set; }

    [Benchmark]
    public long Sieve() => SegmentSieve.Sieve(Low, Low + Width - 1).Count;
}
