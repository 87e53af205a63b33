using System.Collections.Concurrent;

namespace PrimeFunctions.LocalHost.Triggers;

/// <summary>
/// How many times each function has been called since the host started (an orchestrator once per replay): the
/// evidence that a test run has executed every function the Functions host would load.
/// </summary>
public sealed class FunctionInvocations
{
    private readonly ConcurrentDictionary<string, long> counts = new(StringComparer.Ordinal);

    public void Record(string function) => counts.AddOrUpdate(function, 1, (_, count) => count + 1);

    public long Count(string function) => counts.GetValueOrDefault(function);
}
