namespace PrimeFunctions.Engine;

/// <summary>Arithmetic modulo an odd 64-bit modulus in Montgomery form (R = 2^64), for Miller–Rabin.</summary>
/// <remarks>
/// A 128-bit remainder costs a slow software division; Montgomery reduction replaces it with two multiplies.
/// The reduction computes (T − m·n) / 2^64 rather than (T + m·n) / 2^64, so it cannot overflow even when n is
/// above 2^63.
/// </remarks>
internal readonly struct Montgomery64
{
    private readonly ulong _modulus;
    private readonly ulong _inverse;
    private readonly ulong _rSquared;

    public Montgomery64(ulong modulus)
    {
        _modulus = modulus;
        var inverse = modulus;
        for (var i = 0; i < 5; i++)
        {
            inverse *= 2 - modulus * inverse;
        }

        _inverse = inverse;
        One = (0 - modulus) % modulus;
        var r2 = One;
        for (var i = 0; i < 64; i++)
        {
            r2 = r2 >= modulus - r2 ? r2 - (modulus - r2) : r2 + r2;
        }

        _rSquared = r2;
        MinusOne = modulus - One;
    }

    /// <summary>1 in Montgomery form.</summary>
    public ulong One { get; }

    /// <summary>n − 1 in Montgomery form.</summary>
    public ulong MinusOne { get; }

    public ulong ToMontgomery(ulong value) => Multiply(value % _modulus, _rSquared);

    public ulong Multiply(ulong a, ulong b)
    {
        var high = Math.BigMul(a, b, out var low);
        var m = low * _inverse;
        var mHigh = Math.BigMul(m, _modulus, out _);
        var result = high - mHigh;
        return high < mHigh ? result + _modulus : result;
    }

    public ulong Power(ulong baseValue, ulong exponent)
    {
        var result = One;
        while (exponent != 0)
        {
            if ((exponent & 1) != 0)
            {
                result = Multiply(result, baseValue);
            }

            baseValue = Multiply(baseValue, baseValue);
            exponent >>= 1;
        }

        return result;
    }
}
