using PrimeFunctions.Tests.Fixtures;

namespace PrimeFunctions.Engine.Tests.Counting;

/// <summary>π(n) and the primes themselves below <see cref="NaivePrimes.SieveLimit"/>, from the plain sieve.</summary>
internal static class NaivePrimeCounts
{
    private static readonly Lazy<(int[] Pi, List<uint> Primes)> Tables = new(() =>
    {
        var pi = new int[NaivePrimes.SieveLimit];
        var primes = new List<uint>();
        for (var n = 0; n < pi.Length; n++)
        {
            if (NaivePrimes.IsPrime((ulong)n))
            {
                primes.Add((uint)n);
            }

            pi[n] = primes.Count;
        }

        return (pi, primes);
    });

    public static int[] Pi => Tables.Value.Pi;

    public static List<uint> Primes => Tables.Value.Primes;
}
