using System.Numerics;

namespace PrimeFunctions.Engine;

/// <summary>Primality tests: deterministic for 64-bit integers, Baillie–PSW for integers of any size.</summary>
/// <remarks>
/// Below 2^64 a strong probable-prime test to a fixed witness set is a proof: {2, 7, 61} has no strong
/// pseudoprime below 4,759,123,141 (Jaeschke), and Jim Sinclair's seven bases none below 2^64 (checked against
/// Feitsma's list of base-2 pseudoprimes). Trial division by the primes below 100 first rejects most
/// composites before any modular exponentiation. Above 2^64, Baillie–PSW (strong base 2, then strong Lucas
/// with Selfridge's parameters) has no known counterexample; <see cref="BailliePsw"/> runs it through GMP when it can.
/// </remarks>
public static class Primality
{
    internal static ReadOnlySpan<byte> TrialPrimes =>
        [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73, 79, 83, 89, 97];

    private static ReadOnlySpan<ulong> Bases32 => [2, 7, 61];

    private static ReadOnlySpan<ulong> Bases64 => [2, 325, 9375, 28178, 450775, 9780504, 1795265022];

    /// <summary>True exactly when <paramref name="n"/> is prime.</summary>
    public static bool IsPrime(ulong n)
    {
        foreach (var p in TrialPrimes)
        {
            if (n % p == 0)
            {
                return n == p;
            }
        }

        if (n < 97 * 97)
        {
            return n > 1;
        }

        var montgomery = new Montgomery64(n);
        var d = n - 1;
        var s = BitOperations.TrailingZeroCount(d);
        d >>= s;
        foreach (var a in n <= uint.MaxValue ? Bases32 : Bases64)
        {
            if (!IsStrongProbablePrime(montgomery, a, d, s))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Baillie–PSW: trial division, a strong probable-prime test to base 2, then a strong Lucas test (Selfridge method A).</summary>
    public static bool IsProbablePrime(BigInteger n) => IsProbablePrime(n, CancellationToken.None, null);

    /// <summary>
    /// Baillie–PSW in managed code, checking <paramref name="cancellationToken"/> and reporting to
    /// <paramref name="progress"/> at every step: a bit of the Lucas chain, or a few bits of the base-2 power.
    /// </summary>
    public static bool IsProbablePrime(BigInteger n, CancellationToken cancellationToken, PrimalityProgress? progress)
    {
        progress?.Start(PrimalityPhase.TrialDivision, 1);
        if (n < 2)
        {
            return false;
        }

        foreach (var p in TrialPrimes)
        {
            if (n % p == 0)
            {
                return n == p;
            }
        }

        return IsStrongProbablePrime(n, 2, cancellationToken, progress) && IsStrongLucasProbablePrime(n, cancellationToken, progress);
    }

    /// <summary>Strong (Miller–Rabin) probable-prime test of an odd n > 2 to the given base.</summary>
    internal static bool IsStrongProbablePrime(BigInteger n, BigInteger baseValue) =>
        IsStrongProbablePrime(n, baseValue, CancellationToken.None, null);

    private static bool IsStrongProbablePrime(BigInteger n, BigInteger baseValue, CancellationToken cancellationToken, PrimalityProgress? progress)
    {
        var nMinusOne = n - 1;
        var d = nMinusOne;
        var s = 0;
        while (d.IsEven)
        {
            d >>= 1;
            s++;
        }

        var bits = (long)d.GetBitLength();
        progress?.Start(PrimalityPhase.MillerRabin, bits + s);
        var x = Power(baseValue % n, d, n, cancellationToken, progress);
        if (x.IsOne || x == nMinusOne)
        {
            return true;
        }

        for (var r = 1; r < s; r++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            progress?.Advance(bits + r);
            x = x * x % n;
            if (x == nMinusOne)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Strong Lucas probable-prime test of an odd n > 2 with Selfridge's method A: D is the first of 5, −7, 9, −11, … with (D/n) = −1, P = 1, Q = (1 − D)/4.</summary>
    internal static bool IsStrongLucasProbablePrime(BigInteger n) => IsStrongLucasProbablePrime(n, CancellationToken.None, null);

    private static bool IsStrongLucasProbablePrime(BigInteger n, CancellationToken cancellationToken, PrimalityProgress? progress)
    {
        if (IsPerfectSquare(n))
        {
            return false;
        }

        BigInteger d = 5;
        while (true)
        {
            var jacobi = Jacobi(d, n);
            if (jacobi == -1)
            {
                break;
            }

            if (jacobi == 0 && BigInteger.Abs(d) != n)
            {
                return false;
            }

            d = d.Sign > 0 ? -(d + 2) : -d + 2;
        }

        var q = (1 - d) / 4;
        var k = n + 1;
        var s = 0;
        while (k.IsEven)
        {
            k >>= 1;
            s++;
        }

        var dMod = Mod(d, n);
        var qMod = Mod(q, n);
        BigInteger u = 1;
        BigInteger v = 1;
        var qk = qMod;
        var chainBits = (long)k.GetBitLength() - 1;
        progress?.Start(PrimalityPhase.Lucas, chainBits + s - 1);
        for (var bit = (int)chainBits - 1; bit >= 0; bit--)
        {
            cancellationToken.ThrowIfCancellationRequested();
            progress?.Advance(chainBits - 1 - bit);
            u = u * v % n;
            v = Mod(v * v - 2 * qk, n);
            qk = qk * qk % n;
            if (!(k >> bit).IsEven)
            {
                var nextU = HalveMod(u + v, n);
                v = HalveMod((dMod * u + v) % n, n);
                u = nextU;
                qk = qk * qMod % n;
            }
        }

        if (u.IsZero || v.IsZero)
        {
            return true;
        }

        for (var r = 1; r < s; r++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            progress?.Advance(chainBits + r);
            v = Mod(v * v - 2 * qk, n);
            qk = qk * qk % n;
            if (v.IsZero)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsStrongProbablePrime(Montgomery64 montgomery, ulong baseValue, ulong d, int s)
    {
        var x = montgomery.Power(montgomery.ToMontgomery(baseValue), d);
        if (x == montgomery.One || x == montgomery.MinusOne)
        {
            return true;
        }

        for (var r = 1; r < s; r++)
        {
            x = montgomery.Multiply(x, x);
            if (x == montgomery.MinusOne)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// b^e mod n in steps short enough to cancel between: w exponent bits at a time — x ← x^(2^w) · b^c mod n for the
    /// step's bits c, b^c short beside n — and one bit at a time past 65 536 bits (~20 000 digits), where a single
    /// managed squaring and division already takes tens of milliseconds (and much longer on a busy machine).
    /// </summary>
    private static BigInteger Power(BigInteger b, BigInteger e, BigInteger n, CancellationToken cancellationToken, PrimalityProgress? progress)
    {
        var bits = (long)e.GetBitLength();
        var modulusBits = (long)n.GetBitLength();
        var w = modulusBits > 65_536 ? 1 : Math.Clamp(BitOperations.Log2((ulong)Math.Max(1, modulusBits / 8)), 4, 12);
        var stepExponent = BigInteger.One << w;
        BigInteger x = 1;
        for (var low = (bits - 1) / w * w; low >= 0; low -= w)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var c = (int)((e >> (int)low) & (stepExponent - 1));
            x = w == 1 ? x * x % n : BigInteger.ModPow(x, stepExponent, n);
            x = x * BigInteger.Pow(b, c) % n;
            progress?.Advance(bits - low);
        }

        return x;
    }

    private static BigInteger Mod(BigInteger a, BigInteger n)
    {
        var r = a % n;
        return r.Sign < 0 ? r + n : r;
    }

    private static BigInteger HalveMod(BigInteger a, BigInteger n)
    {
        a %= n;
        return (a.IsEven ? a : a + n) >> 1;
    }

    private static int Jacobi(BigInteger a, BigInteger n)
    {
        a = Mod(a, n);
        var result = 1;
        while (!a.IsZero)
        {
            while (a.IsEven)
            {
                a >>= 1;
                var r = (int)(n % 8);
                if (r == 3 || r == 5)
                {
                    result = -result;
                }
            }

            (a, n) = (n, a);
            if (a % 4 == 3 && n % 4 == 3)
            {
                result = -result;
            }

            a %= n;
        }

        return n.IsOne ? result : 0;
    }

    private static bool IsPerfectSquare(BigInteger n)
    {
        var root = IntegerSquareRoot(n);
        return root * root == n;
    }

    private static BigInteger IntegerSquareRoot(BigInteger n)
    {
        if (n < 2)
        {
            return n;
        }

        var x = BigInteger.One << (int)((n.GetBitLength() + 1) / 2);
        while (true)
        {
            var y = (x + n / x) >> 1;
            if (y >= x)
            {
                return x;
            }

            x = y;
        }
    }
}
