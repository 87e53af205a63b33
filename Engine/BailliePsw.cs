using System.Globalization;
using System.Numerics;
using PrimeFunctions.Engine.Gmp;

namespace PrimeFunctions.Engine;

/// <summary>
/// Baillie–PSW for integers of any size, through GMP where the machine has it (about six times faster from a
/// few hundred digits up) and in managed code where it does not; both run the same test and give the same answers.
/// Both can be cancelled within one step and report their progress as they go.
/// </summary>
public static class BailliePsw
{
    /// <summary>True when the native path can run here.</summary>
    public static bool GmpAvailable => GmpNative.IsAvailable;

    /// <summary>What runs the test when native code is allowed: "gmp 6.2.1", or "managed" without GMP.</summary>
    public static string Implementation(bool allowGmp) =>
        allowGmp && GmpAvailable ? $"gmp {GmpNative.Version}" : "managed";

    /// <summary>Tests <paramref name="digits"/>, a non-negative decimal integer, through GMP when allowed and present.</summary>
    public static bool IsProbablePrime(string digits, bool allowGmp, CancellationToken cancellationToken = default, PrimalityProgress? progress = null)
    {
        if (allowGmp && GmpAvailable)
        {
            using var n = GmpInteger.FromDecimal(digits);
            return GmpBailliePsw.IsProbablePrime(n, cancellationToken, progress);
        }

        return Primality.IsProbablePrime(BigInteger.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture), cancellationToken, progress);
    }
}
