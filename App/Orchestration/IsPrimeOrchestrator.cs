using Microsoft.DurableTask;

namespace PrimeFunctions.Orchestration;

/// <summary>
/// An is-prime job for a number too long to test while the caller waits. Its input is the number's canonical
/// digits: up to 100 000 digits is about 100 KB, which the Azure Storage provider moves into its large-message
/// blobs by itself (and purging the instance removes them), so no blob of our own has to be managed.
/// </summary>
public sealed class IsPrimeOrchestrator : TaskOrchestrator<string, IsPrimeVerdict>
{
    public override async Task<IsPrimeVerdict> RunAsync(TaskOrchestrationContext context, string number)
    {
        context.SetCustomStatus(new IsPrimeProgress("testing", number.Length));
        var verdict = await context.CallActivityAsync<IsPrimeVerdict>(nameof(IsPrimeActivity), number);
        context.SetCustomStatus(new IsPrimeProgress("completed", number.Length));
        return verdict;
    }
}

/// <summary>The custom status of an is-prime job.</summary>
public sealed record IsPrimeProgress(string Phase, int Digits);
