using System.Numerics;

namespace PrimeFunctions.Tests.Fixtures;

/// <summary>
/// An independent reference for 64-bit primality: textbook Miller–Rabin with the first twelve prime bases, which is
/// deterministic below 3.3·10^24, written with BigInteger and sharing nothing with the engine.
/// </summary>
internal static class ReferencePrimality
{
    private static readonly int[] Bases = [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37];

    public static bool IsPrime(ulong n)
    {
        if (n < 2)
        {
            return false;
        }

        foreach (var p in Bases)
        {
            if (n % (ulong)p == 0)
            {
                return n == (ulong)p;
            }
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
            var x = BigInteger.ModPow(a, d, n);
            if (x.IsOne || x == n - 1)
            {
                continue;
            }

            var witness = true;
            for (var r = 1; r < s && witness; r++)
            {
                x = BigInteger.ModPow(x, 2, n);
                witness = x != n - 1;
            }

            if (witness)
            {
                return false;
            }
        }

        return true;
    }
}
