using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace PrimeFunctions.App.Tests.Orchestration;

/// <summary>Injected faults are counted, not drawn: the same runs fail every time, and each one is counted.</summary>
public sealed class FaultInjectionTests
{
    [Theory]
    [InlineData(0.1, new[] { 10, 20, 30 })]
    [InlineData(0.25, new[] { 4, 8, 12, 16, 20, 24, 28 })]
    [InlineData(0.0, new int[0])]
    public void A_rate_fails_exactly_the_runs_it_spreads_evenly(double rate, int[] failing)
    {
        var faults = With(rate);

        var failed = Enumerable.Range(1, 30).Where(_ => Fails(faults)).ToArray();

        Assert.Equal(failing, failed);
        Assert.Equal(failing.Length, faults.Injected);
    }

    [Fact]
    public void A_rate_of_one_fails_every_run_saying_it_was_on_purpose()
    {
        var faults = With(1);

        for (var run = 1; run <= 5; run++)
        {
            var fault = Assert.Throws<InjectedFaultException>(() => faults.MaybeFail(nameof(SieveSegmentActivity)));
            Assert.Contains("SieveSegmentActivity failed on purpose", fault.Message);
        }

        Assert.Equal(5, faults.Injected);
    }

    private static FaultInjection With(double rate) =>
        new(Options.Create(new PrimesOptions { Faults = { ActivityFailureRate = rate } }), NullLogger<FaultInjection>.Instance);

    private static bool Fails(FaultInjection faults)
    {
        try
        {
            faults.MaybeFail(nameof(MergeJobActivity));
            return false;
        }
        catch (InjectedFaultException)
        {
            return true;
        }
    }
}
