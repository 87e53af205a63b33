namespace PrimeFunctions.Orchestration;

/// <summary>Tests one number, given as canonical decimal digits, for primality.</summary>
public sealed class IsPrimeActivity
{
    public Task<IsPrimeVerdict> RunAsync(string number) => Task.FromResult(IsPrimeVerdict.Of(number));
}
