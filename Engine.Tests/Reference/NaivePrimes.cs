namespace PrimeFunctions.Tests.Fixtures;

/// <summary>Textbook references the engine is checked against; deliberately share no code or tables with it.</summary>
internal static class NaivePrimes
{
    /// <summary>Upper end (exclusive) of the plain sieve shared by the tests.</summary>
    public const int SieveLimit = 1 << 25;

    private static readonly Lazy<bool[]> Composite = new(() =>
    {
        var composite = new bool[SieveLimit];
        composite[0] = composite[1] = true;
        for (var i = 2; (long)i * i < SieveLimit; i++)
        {
            if (!composite[i])
            {
                for (var j = i * i; j < SieveLimit; j += i)
                {
                    composite[j] = true;
                }
            }
        }

        return composite;
    });

    private static readonly ulong[] Bases = [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37];

    /// <summary>Primality by plain sieve below <see cref="SieveLimit"/>, otherwise by Miller–Rabin to the first 12 primes (valid below 3.3·10^24).</summary>
    public static bool IsPrime(ulong n)
    {
        if (n < SieveLimit)
        {
            return !Composite.Value[n];
        }

        if (n % 2 == 0)
        {
            return false;
        }

        var d = n - 1;
        var s = 0;
        while (d % 2 == 0)
        {
            d /= 2;
            s++;
        }

        foreach (var a in Bases)
        {
            var x = PowMod(a, d, n);
            if (x == 1 || x == n - 1)
            {
                continue;
            }

            var witness = true;
            for (var r = 1; r < s && witness; r++)
            {
                x = (ulong)((UInt128)x * x % n);
                witness = x != n - 1;
            }

            if (witness)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>All primes in [low, high], in order, found one integer at a time.</summary>
    public static List<ulong> PrimesIn(ulong low, ulong high)
    {
        var primes = new List<ulong>();
        for (var n = low; ; n++)
        {
            if (IsPrime(n))
            {
                primes.Add(n);
            }

            if (n == high)
            {
                return primes;
            }
        }
    }

    /// <summary>Each prime in decimal followed by a newline.</summary>
    public static byte[] Text(IEnumerable<ulong> primes) =>
        System.Text.Encoding.ASCII.GetBytes(string.Concat(primes.Select(p => p.ToString(System.Globalization.CultureInfo.InvariantCulture) + "\n")));

    private static ulong PowMod(ulong b, ulong e, ulong m)
    {
        UInt128 result = 1;
        UInt128 x = b % m;
        while (e > 0)
        {
            if ((e & 1) == 1)
            {
                result = result * x % m;
            }

            x = x * x % m;
            e >>= 1;
        }

        return (ulong)result;
    }
}
