using System.Numerics;
using BenchmarkDotNet.Attributes;
using PrimeFunctions.Engine;

namespace PrimeFunctions.Bench.Kernels;

/// <summary>Primality on random odd 64-bit inputs (mostly rejected early), on 64-bit primes (all seven bases), and Baillie–PSW on a 521-bit prime.</summary>
[ShortRunJob]
public class PrimalityBenchmarks
{
    private const int Inputs = 4096;

    private static readonly BigInteger Mersenne521 = (BigInteger.One << 521) - 1;

    private readonly ulong[] _random = new ulong[Inputs];
    private readonly ulong[] _primes = new ulong[Inputs];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(7);
        for (var i = 0; i < Inputs; i++)
        {
            _random[i] = (ulong)random.NextInt64() << 1 | 1;
            var candidate = (ulong)random.NextInt64() << 1 | 1;
            while (!Primality.IsPrime(candidate))
            {
                candidate += 2;
            }

            _primes[i] = candidate;
        }
    }

    [Benchmark(OperationsPerInvoke = Inputs)]
    public int IsPrimeRandomOdd() => _random.Count(Primality.IsPrime);

    [Benchmark(OperationsPerInvoke = Inputs)]
    public int IsPrimeOnPrimes() => _primes.Count(Primality.IsPrime);

    [Benchmark]
    public bool IsProbablePrimeMersenne521() => Primality.IsProbablePrime(Mersenne521);
}
