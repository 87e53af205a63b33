using PrimeFunctions.Engine.Counting;

namespace PrimeFunctions.Orchestration;

/// <summary>
/// The terms of π(x) computed from the small tables alone (ordinary and easy leaves), on every core of the instance:
/// they are one activity, and the intervals beside it finish first, so on one thread they were the job's tail.
/// </summary>
public sealed class PiBaseTermsActivity
{
    public Task<BaseTerms> RunAsync(CountParameters parameters) => Task.Run(() => PrimeCount.ComputeBase(parameters, Environment.ProcessorCount));
}
