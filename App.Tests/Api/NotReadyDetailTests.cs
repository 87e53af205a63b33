using Microsoft.DurableTask.Client;

namespace PrimeFunctions.App.Tests.Api;

/// <summary>The 409 of a job without results says why in words that fit its status.</summary>
public sealed class NotReadyDetailTests
{
    [Theory]
    [InlineData(OrchestrationRuntimeStatus.Pending, "is still pending")]
    [InlineData(OrchestrationRuntimeStatus.Running, "is still running")]
    [InlineData(OrchestrationRuntimeStatus.Suspended, "is suspended: resume it")]
    [InlineData(OrchestrationRuntimeStatus.Failed, "failed: disk on fire. Start it again")]
    [InlineData(OrchestrationRuntimeStatus.Terminated, "was terminated before it completed")]
    [InlineData(OrchestrationRuntimeStatus.Completed, "has completed, but its results are no longer stored")]
    public void Each_status_says_why_there_are_no_results(OrchestrationRuntimeStatus status, string expected)
    {
        var detail = ResultsHandler.NotReadyDetail("primes-1-2", status, status == OrchestrationRuntimeStatus.Failed ? "disk on fire." : null);

        Assert.Contains(expected, detail, StringComparison.Ordinal);
        Assert.DoesNotContain("only once it has completed", detail, StringComparison.Ordinal);
    }
}
