using Microsoft.DurableTask;

namespace PrimeFunctions.Orchestration;

/// <summary>Tests one number, given as canonical decimal digits, for primality.</summary>
public sealed class IsPrimeActivity : TaskActivity<string, IsPrimeVerdict>
{
    public override Task<IsPrimeVerdict> RunAsync(TaskActivityContext context, string number) =>
        Task.FromResult(IsPrimeVerdict.Of(number));
}
