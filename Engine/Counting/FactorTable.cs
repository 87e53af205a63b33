namespace PrimeFunctions.Engine.Counting;

/// <summary>The small tables every term of the prime count reads: the primes up to y, π up to y, and each n's least prime factor and Möbius value.</summary>
/// <remarks>
/// One int per integer for the factor table keeps the hot loops to a single load: the leaf loops ask "is m squarefree,
/// what is its sign, is its least prime factor above p" for every m in a range. π(n) for n ≤ y, asked for every easy
/// leaf, is kept compact (<see cref="PiTable"/>) so that it stays in cache. y stays at or below
/// <see cref="CountParameters.MaxY"/>, so the tables take at most 64 MiB plus 2 MiB; an activity builds them in a
/// fraction of a second, and one process keeps the last one it built.
/// </remarks>
public sealed class FactorTable
{
    private static FactorTable? _last;

    private FactorTable(uint limit)
    {
        Limit = limit;
        var lpf = new int[limit + 1];
        for (ulong i = 2; i * i <= limit; i++)
        {
            if (lpf[i] != 0)
            {
                continue;
            }

            for (var j = i * i; j <= limit; j += i)
            {
                if (lpf[j] == 0)
                {
                    lpf[j] = (int)i;
                }
            }
        }

        for (uint n = 2; n <= limit; n++)
        {
            if (lpf[n] == 0)
            {
                lpf[n] = (int)n;
            }
        }

        // One prime past the limit too, so a walk over π's steps always has a next prime to look at.
        var primes = new uint[CountPrimes(lpf) + 2];
        var count = 0;
        for (uint n = 2; n <= limit; n++)
        {
            if (lpf[n] == n)
            {
                primes[++count] = n;
            }
        }

        primes[^1] = NextPrimeAbove(limit, primes);

        // Signed least prime factor: 0 when n is not squarefree, else μ(n)·lpf(n); 1 has no prime factor.
        if (limit >= 1)
        {
            lpf[1] = int.MaxValue;
        }

        for (uint n = 2; n <= limit; n++)
        {
            var p = (uint)lpf[n];
            var rest = n / p;
            lpf[n] = rest % p == 0 || lpf[rest] == 0 ? 0 : (lpf[rest] > 0 ? -(int)p : (int)p);
        }

        Primes = primes;
        PrimeMagic = PrimeDivisors.For(primes);
        Pi = new PiTable(limit, primes.AsSpan(1));
        SignedLpf = lpf;
    }

    /// <summary>y: the tables cover [0, Limit].</summary>
    public uint Limit { get; }

    /// <summary>Primes[k] is the k-th prime (Primes[1] = 2) up to the first prime past Limit; Primes[0] is unused.</summary>
    public uint[] Primes { get; }

    /// <summary>For each odd prime of <see cref="Primes"/>, the magic number that divides by it (<see cref="PrimeDivisors"/>).</summary>
    public ulong[] PrimeMagic { get; }

    /// <summary>π(n) for n ≤ Limit.</summary>
    public PiTable Pi { get; }

    /// <summary>0 when n is not squarefree, otherwise μ(n)·lpf(n) (int.MaxValue for n = 1).</summary>
    public int[] SignedLpf { get; }

    /// <summary>The tables up to <paramref name="limit"/>, reusing the last ones built in this process when the limit matches.</summary>
    public static FactorTable UpTo(uint limit)
    {
        var last = Volatile.Read(ref _last);
        if (last is not null && last.Limit == limit)
        {
            return last;
        }

        var table = new FactorTable(limit);
        Volatile.Write(ref _last, table);
        return table;
    }

    private static uint NextPrimeAbove(uint limit, uint[] primes)
    {
        for (var n = (ulong)limit + 1; ; n++)
        {
            var composite = false;
            for (var i = 1; i < primes.Length - 1 && (ulong)primes[i] * primes[i] <= n && !composite; i++)
            {
                composite = n % primes[i] == 0;
            }

            if (!composite && n >= 2)
            {
                return (uint)n;
            }
        }
    }

    private static int CountPrimes(int[] lpf)
    {
        var count = 0;
        for (var n = 2; n < lpf.Length; n++)
        {
            if (lpf[n] == n)
            {
                count++;
            }
        }

        return count;
    }
}
