using System.Globalization;
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

    /// <summary>Tests <paramref name="canonical"/>, a decimal integer without sign or leading zeros, through GMP when it can.</summary>
    public static IsPrimeVerdict Of(string canonical) => Of(canonical, allowGmp: true, CancellationToken.None, null);

    /// <summary>Tests <paramref name="canonical"/>; past 64 bits, stoppable through <paramref name="cancellationToken"/> and watched through <paramref name="progress"/>.</summary>
    public static IsPrimeVerdict Of(string canonical, bool allowGmp, CancellationToken cancellationToken, PrimalityProgress? progress)
    {
        if (ulong.TryParse(canonical, NumberStyles.None, CultureInfo.InvariantCulture, out var small))
        {
            return new IsPrimeVerdict(Primality.IsPrime(small), Proven, "deterministic-miller-rabin", canonical.Length);
        }

        return new IsPrimeVerdict(BailliePsw.IsProbablePrime(canonical, allowGmp, cancellationToken, progress), Probable, "baillie-psw", canonical.Length);
    }
}
