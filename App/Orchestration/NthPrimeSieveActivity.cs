using System.Globalization;
using PrimeFunctions.Engine.Counting;

namespace PrimeFunctions.Orchestration;

/// <summary>The last step of an n-th prime job: the short sieve from the estimate, forward or backward.</summary>
public sealed class NthPrimeSieveActivity
{
    public Task<string> RunAsync(NthPrimeSieveTask task) =>
        Task.Run(() => NthPrime.SieveFrom(task.N, task.Estimate, task.PiAtEstimate).ToString(CultureInfo.InvariantCulture));
}
