using System.Runtime.CompilerServices;
namespace PrimeFunctions.Engine.Counting;

/// <summary>S1, the ordinary leaves: μ(n)·φ(x/n, c) over the squarefree n ≤ y whose prime factors all exceed p_c.</summary>
/// <remarks>One pass over the factor table; φ(x/n, c) is constant time (<see cref="PhiTiny"/>), so this is O(y) and never worth splitting.</remarks>
internal static class OrdinaryLeaves
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static Int128 Sum(CountParameters parameters, FactorTable table)
    {
        var phi = new PhiTiny(parameters.C);
        var lastAbsorbed = parameters.C == 0 ? 1 : (int)table.Primes[parameters.C];
        var signedLpf = table.SignedLpf;
        Int128 sum = 0;
        for (uint n = 1; n <= parameters.Y; n++)
        {
            var v = signedLpf[n];
            if (v == 0 || Math.Abs(v) <= lastAbsorbed)
            {
                continue;
            }

            var value = (Int128)phi.Phi(parameters.X / n);
            sum += v > 0 ? value : -value;
        }

        return sum;
    }
}
