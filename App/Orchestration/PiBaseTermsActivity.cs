using PrimeFunctions.Engine.Counting;

namespace PrimeFunctions.Orchestration;

/// <summary>The terms of π(x) computed from the small tables alone (ordinary and easy leaves).</summary>
public sealed class PiBaseTermsActivity
{
    public Task<BaseTerms> RunAsync(CountParameters parameters) => Task.Run(() => PrimeCount.ComputeBase(parameters));
}
