namespace PrimeFunctions.Tests.Fixtures;

/// <summary>An independent reference: the plain sieve of Eratosthenes over [0, limit], nothing shared with the engine.</summary>
internal static class NaivePrimes
{
    public static List<ulong> Between(ulong from, ulong to)
    {
        var composite = new bool[to + 1];
        var primes = new List<ulong>();
        for (ulong n = 2; n <= to; n++)
        {
            if (composite[n])
            {
                continue;
            }

            if (n >= from)
            {
                primes.Add(n);
            }

            for (var m = n * n; m <= to; m += n)
            {
                composite[m] = true;
            }
        }

        return primes;
    }
}
