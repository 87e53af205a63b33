using PrimeFunctions.Engine.Counting;

namespace PrimeFunctions.Orchestration;

/// <summary>One interval of π(x)'s special leaves and P2 terms: the expensive part, run wherever a worker is free.</summary>
public sealed class PiIntervalActivity
{
    public Task<S2Partial> RunAsync(PiIntervalTask task) => Task.Run(() => PrimeCount.ComputeS2Interval(task.Parameters, task.Interval));
}
