using PrimeFunctions.Engine.Counting;

namespace PrimeFunctions.Orchestration;

/// <summary>The parameters and special-leaf intervals of one π(x).</summary>
public sealed class PlanPiActivity
{
    public Task<CountPlan> RunAsync(PlanPiTask task) => Task.FromResult(PrimeCount.Plan(task.X, Math.Max(1, task.Intervals)));
}
