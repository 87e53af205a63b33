using System.Globalization;
using PrimeFunctions.Engine.Counting;

namespace PrimeFunctions.Orchestration;

/// <summary>R⁻¹(n), where an n-th prime job counts π: floating point, so it runs once here rather than on each replay.</summary>
public sealed class NthPrimeEstimateActivity
{
    public Task<string> RunAsync(string n) =>
        Task.FromResult(NthPrime.Estimate(ulong.Parse(n, CultureInfo.InvariantCulture)).ToString(CultureInfo.InvariantCulture));
}
