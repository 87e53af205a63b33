namespace PrimeFunctions.Engine.Counting;

/// <summary>The n-th prime: R⁻¹(n) as an estimate, π exactly there, then the wheel sieve forward or backward over the difference.</summary>
/// <remarks>
/// The estimate is within about √x·ln x of the answer, so the sieve covers a short window (a few 10^8 integers
/// near 2^64) and π at the estimate is nearly all the time. Windows grow with the primes still to pass, so a bad
/// estimate costs a few more windows, never a wrong answer.
/// </remarks>
public static class NthPrime
{
    /// <summary>π(2^64 − 1): the last n with a 64-bit n-th prime.</summary>
    public const ulong MaxN = 425656284035217743;

    public static ulong Find(ulong n, int threads = 1)
    {
        var guess = Estimate(n);
        return SieveFrom(n, guess, PrimeCount.Pi(guess, threads));
    }

    /// <summary>R⁻¹(n) as an integer in [2, 2^64 − 1].</summary>
    public static ulong Estimate(ulong n)
    {
        ArgumentOutOfRangeException.ThrowIfZero(n);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(n, MaxN);
        var estimate = RiemannR.Inverse(n);
        return estimate >= 1.8446744073709552E19 ? ulong.MaxValue : Math.Max(2, (ulong)estimate);
    }

    /// <summary>The n-th prime, sieving from <paramref name="guess"/> where π is <paramref name="count"/>.</summary>
    public static ulong SieveFrom(ulong n, ulong guess, ulong count)
    {
        ArgumentOutOfRangeException.ThrowIfZero(n);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(n, MaxN);
        var logGuess = Math.Log(guess);
        if (count >= n)
        {
            // The (count − n + 1)-th prime counting down from guess.
            var need = count - n + 1;
            var high = guess;
            while (true)
            {
                var width = Window(need, logGuess);
                var low = high > width ? high - width + 1 : 0;
                var bitmap = SegmentSieve.Sieve(low, high);
                if ((ulong)bitmap.Count >= need)
                {
                    return bitmap.PrimeAt(bitmap.Count - (long)need);
                }

                need -= (ulong)bitmap.Count;
                high = low - 1;
            }
        }
        else
        {
            var need = n - count;
            var low = guess + 1;
            while (true)
            {
                var width = Window(need, logGuess);
                var high = ulong.MaxValue - low < width ? ulong.MaxValue : low + width - 1;
                var bitmap = SegmentSieve.Sieve(low, high);
                if ((ulong)bitmap.Count >= need)
                {
                    return bitmap.PrimeAt((long)need - 1);
                }

                need -= (ulong)bitmap.Count;
                low = high + 1;
            }
        }
    }

    private static ulong Window(ulong primes, double logGuess) =>
        (ulong)Math.Min(1ul << 30, primes * logGuess * 1.2 + (1 << 20));
}
