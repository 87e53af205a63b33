using System.Globalization;
using System.Numerics;
using PrimeFunctions.Engine;

namespace PrimeFunctions.Orchestration;

/// <summary>
/// Whether a number is prime and how sure the answer is: below 2^64 a deterministic Miller–Rabin test is a proof;
/// above it Baillie–PSW, which has no known counterexample, gives a probable answer.
/// </summary>
public sealed record IsPrimeVerdict(bool IsPrime, string Certainty, string Method, int Digits)
{
    public const string Proven = "proven";
    public const string Probable = "probable";

    /// <summary>Tests <paramref name="canonical"/>, a decimal integer without sign or leading zeros.</summary>
    public static IsPrimeVerdict Of(string canonical)
    {
        if (ulong.TryParse(canonical, NumberStyles.None, CultureInfo.InvariantCulture, out var small))
        {
            return new IsPrimeVerdict(Primality.IsPrime(small), Proven, "deterministic-miller-rabin", canonical.Length);
        }

        var big = BigInteger.Parse(canonical, NumberStyles.None, CultureInfo.InvariantCulture);
        return new IsPrimeVerdict(Primality.IsProbablePrime(big), Probable, "baillie-psw", canonical.Length);
    }
}
