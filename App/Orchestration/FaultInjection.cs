using Microsoft.Extensions.Options;

namespace PrimeFunctions.Orchestration;

/// <summary>
/// Fails activity runs at the rate <see cref="FaultOptions.ActivityFailureRate"/> asks for, and slows each segment's sieve and merge by
/// <see cref="FaultOptions.SegmentDelay"/> — neither unless a tester sets it — so that recovery through retries and
/// restarts is exercised on real jobs, not assumed.
/// </summary>
public sealed class FaultInjection(IOptions<PrimesOptions> options)
{
    public void MaybeFail(string activity)
    {
        var rate = options.Value.Faults.ActivityFailureRate;
        if (rate > 0 && Random.Shared.NextDouble() < rate)
        {
            throw new InjectedFaultException($"{activity} failed on purpose (Primes:Faults:ActivityFailureRate = {rate}).");
        }
    }

    public Task DelaySegmentAsync()
    {
        var delay = options.Value.Faults.SegmentDelay;
        return delay > TimeSpan.Zero ? Task.Delay(delay) : Task.CompletedTask;
    }
}

/// <summary>A failure injected by <see cref="FaultInjection"/>.</summary>
public sealed class InjectedFaultException(string message) : Exception(message);
