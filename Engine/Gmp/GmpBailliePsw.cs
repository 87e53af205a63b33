using static PrimeFunctions.Engine.Gmp.GmpNative;

namespace PrimeFunctions.Engine.Gmp;

/// <summary>
/// Baillie–PSW on GMP's integers: the same test as <see cref="Primality.IsProbablePrime(System.Numerics.BigInteger, CancellationToken, PrimalityProgress?)"/>
/// (trial division, strong base 2, strong Lucas with Selfridge's D, P = 1, Q = (1 − D)/4), so both answer alike,
/// built from GMP's multiplication and division rather than its one-call <c>mpz_probab_prime_p</c>: a test of
/// 100 000 digits runs for half an hour, and a call that long could be neither stopped nor watched. Here the
/// Lucas chain checks for cancellation and reports at every bit, and each modular power runs as many short
/// <c>mpz_powm</c> calls (<see cref="Power"/>). The chain is GMP's own (<c>mpz_lucas_mod</c>): three squarings a
/// bit, no multiplication of two different numbers.
/// </summary>
internal static class GmpBailliePsw
{
    public static bool IsProbablePrime(GmpInteger n, CancellationToken cancellationToken, PrimalityProgress? progress)
    {
        progress?.Start(PrimalityPhase.TrialDivision, 1);
        if (CompareUnsigned(n.Pointer, 2) < 0)
        {
            return false;
        }

        foreach (var p in Primality.TrialPrimes)
        {
            if (ModuloUnsigned(n.Pointer, p) == 0)
            {
                return CompareUnsigned(n.Pointer, p) == 0;
            }
        }

        return CompareUnsigned(n.Pointer, 97 * 97) < 0
            || (IsStrongProbablePrimeBase2(n, cancellationToken, progress) && IsStrongLucasProbablePrime(n, cancellationToken, progress));
    }

    /// <summary>Strong probable-prime test of an odd n > 2 to base 2.</summary>
    internal static bool IsStrongProbablePrimeBase2(GmpInteger n, CancellationToken cancellationToken, PrimalityProgress? progress)
    {
        using var nMinusOne = new GmpInteger();
        using var d = new GmpInteger();
        using var x = new GmpInteger();
        using var square = new GmpInteger();
        SubtractUnsigned(nMinusOne.Pointer, n.Pointer, 1);
        var s = ScanOne(nMinusOne.Pointer, 0);
        ShiftRight(d.Pointer, nMinusOne.Pointer, s);
        progress?.Start(PrimalityPhase.MillerRabin, d.BitLength + (long)s);
        Power(x, 2, d, n, cancellationToken, progress);
        if (CompareUnsigned(x.Pointer, 1) == 0 || Compare(x.Pointer, nMinusOne.Pointer) == 0)
        {
            return true;
        }

        for (nuint r = 1; r < s; r++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Multiply(square.Pointer, x.Pointer, x.Pointer);
            Remainder(x.Pointer, square.Pointer, n.Pointer);
            progress?.Advance(d.BitLength + (long)r);
            if (Compare(x.Pointer, nMinusOne.Pointer) == 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Strong Lucas probable-prime test of an odd n > 2, not divisible by a prime below 100, with Selfridge's method A.</summary>
    internal static bool IsStrongLucasProbablePrime(GmpInteger n, CancellationToken cancellationToken, PrimalityProgress? progress)
    {
        if (IsPerfectSquare(n.Pointer) != 0)
        {
            return false;
        }

        long discriminant = 5;
        while (true)
        {
            var jacobi = Kronecker((nint)discriminant, n.Pointer);
            if (jacobi == -1)
            {
                break;
            }

            if (jacobi == 0 && CompareUnsigned(n.Pointer, (nuint)Math.Abs(discriminant)) != 0)
            {
                return false;
            }

            discriminant = discriminant > 0 ? -(discriminant + 2) : -discriminant + 2;
        }

        var q = (1 - discriminant) / 4;
        using var k = new GmpInteger();
        using var u = new GmpInteger();
        using var uNext = new GmpInteger();
        using var t1 = new GmpInteger();
        using var t2 = new GmpInteger();
        using var qk = new GmpInteger();
        Add(k.Pointer, n.Pointer, One.Pointer);
        var s = (long)ScanOne(k.Pointer, 0);
        ShiftRight(k.Pointer, k.Pointer, (nuint)s);
        var chainBits = k.BitLength - 1;
        var powerBits = s > 1 && Math.Abs(q) != 1 ? k.BitLength : 0;
        progress?.Start(PrimalityPhase.Lucas, chainBits + powerBits + s - 1);

        // U_1 = U_2 = 1 (P = 1); per bit, from (U_k, U_k+1): U_2k = U_k+1² − (U_k+1 − U_k)², U_2k+1 = U_k+1² − Q·U_k²,
        // U_2k+2 = U_2k+1 − Q·U_2k. Values stay signed, in (−n, n).
        SetUnsigned(u.Pointer, 1);
        SetUnsigned(uNext.Pointer, 1);
        for (var bit = chainBits - 1; bit >= 0; bit--)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Multiply(t1.Pointer, uNext.Pointer, uNext.Pointer);
            Subtract(uNext.Pointer, u.Pointer, uNext.Pointer);
            Multiply(t2.Pointer, uNext.Pointer, uNext.Pointer);
            Multiply(uNext.Pointer, u.Pointer, u.Pointer);
            Subtract(t2.Pointer, t1.Pointer, t2.Pointer);
            SubtractProduct(t1, uNext, q);
            if (TestBit(k.Pointer, (nuint)bit) != 0)
            {
                MultiplySigned(t2.Pointer, t2.Pointer, (nint)q);
                Subtract(t2.Pointer, t1.Pointer, t2.Pointer);
                Remainder(u.Pointer, t1.Pointer, n.Pointer);
                Remainder(uNext.Pointer, t2.Pointer, n.Pointer);
            }
            else
            {
                Remainder(u.Pointer, t2.Pointer, n.Pointer);
                Remainder(uNext.Pointer, t1.Pointer, n.Pointer);
            }

            progress?.Advance(chainBits - bit);
        }

        if (u.IsZero)
        {
            return true;
        }

        // V_k = 2·U_k+1 − P·U_k.
        using var v = new GmpInteger();
        ShiftLeft(t1.Pointer, uNext.Pointer, 1);
        Subtract(t1.Pointer, t1.Pointer, u.Pointer);
        Remainder(v.Pointer, t1.Pointer, n.Pointer);
        if (v.IsZero)
        {
            return true;
        }

        if (s == 1)
        {
            return false;
        }

        // Q^k: with Q = ±1 and k odd it is Q itself, and every square after it is 1.
        if (Math.Abs(q) == 1)
        {
            SetSigned(qk, q);
        }
        else
        {
            Power(qk, q, k, n, cancellationToken, progress, chainBits);
        }

        var qkIsOne = false;
        for (long r = 1; r < s; r++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Multiply(t1.Pointer, v.Pointer, v.Pointer);
            if (qkIsOne)
            {
                SubtractUnsigned(t1.Pointer, t1.Pointer, 2);
            }
            else
            {
                SubtractProductUnsigned(t1.Pointer, qk.Pointer, 2);
            }

            Remainder(v.Pointer, t1.Pointer, n.Pointer);
            progress?.Advance(chainBits + powerBits + r);
            if (v.IsZero)
            {
                return true;
            }

            if (Math.Abs(q) == 1)
            {
                qkIsOne = true;
            }
            else if (r + 1 < s)
            {
                Multiply(t1.Pointer, qk.Pointer, qk.Pointer);
                Remainder(qk.Pointer, t1.Pointer, n.Pointer);
            }
        }

        return false;
    }

    /// <summary>
    /// result = b^e mod n (0 ≤ result &lt; n) for a small base b, in steps of w exponent bits: result ← result^(2^w)
    /// by one <c>mpz_powm</c>, then times b^c for the step's w bits c — a shift when b = 2. w is chosen so b^c stays
    /// short beside n: the powm calls cost a few multiplications more than one long call, and each is short enough
    /// to check for cancellation between them.
    /// </summary>
    internal static void Power(GmpInteger result, long b, GmpInteger e, GmpInteger n, CancellationToken cancellationToken, PrimalityProgress? progress, long progressBefore = 0)
    {
        var bits = e.BitLength;
        var w = StepBits(n.BitLength);
        using var twoToW = new GmpInteger();
        using var factor = new GmpInteger();
        using var product = new GmpInteger();
        UnsignedPower(twoToW.Pointer, 2, (nuint)w);
        SetUnsigned(result.Pointer, 1);
        var magnitude = (nuint)Math.Abs(b);
        for (var low = (bits - 1) / w * w; low >= 0; low -= w)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!IsOne(result))
            {
                PowerModulo(result.Pointer, result.Pointer, twoToW.Pointer, n.Pointer);
            }

            nuint c = 0;
            for (var bit = Math.Min(bits, low + w) - 1; bit >= low; bit--)
            {
                c = (c << 1) | (nuint)TestBit(e.Pointer, (nuint)bit);
            }

            if (magnitude == 2)
            {
                ShiftLeft(product.Pointer, result.Pointer, c);
            }
            else
            {
                UnsignedPower(factor.Pointer, magnitude, c);
                Multiply(product.Pointer, result.Pointer, factor.Pointer);
            }

            Remainder(result.Pointer, product.Pointer, n.Pointer);
            progress?.Advance(progressBefore + bits - low);
        }

        if (b < 0 && TestBit(e.Pointer, 0) != 0 && !result.IsZero)
        {
            Subtract(result.Pointer, n.Pointer, result.Pointer);
        }
    }

    // b^c for c < 2^w is at most 2^w·log2|b| bits: keep that near an eighth of n, between 4 and 16 bits a step.
    private static int StepBits(long modulusBits) => Math.Clamp(System.Numerics.BitOperations.Log2((ulong)Math.Max(1, modulusBits / 8)), 4, 16);

    private static bool IsOne(GmpInteger x) => CompareUnsigned(x.Pointer, 1) == 0;

    private static void SetSigned(GmpInteger x, long value)
    {
        SetUnsigned(x.Pointer, (nuint)Math.Abs(value));
        if (value < 0)
        {
            Subtract(x.Pointer, Zero.Pointer, x.Pointer);
        }
    }

    private static void SubtractProduct(GmpInteger rop, GmpInteger a, long factor)
    {
        if (factor >= 0)
        {
            SubtractProductUnsigned(rop.Pointer, a.Pointer, (nuint)factor);
        }
        else
        {
            AddProductUnsigned(rop.Pointer, a.Pointer, (nuint)(-factor));
        }
    }

    private static GmpInteger One { get; } = GmpInteger.FromUnsigned(1);

    private static GmpInteger Zero { get; } = GmpInteger.FromUnsigned(0);
}
