using Microsoft.Extensions.Options;

namespace PrimeFunctions.Orchestration;

/// <summary>
/// Fails activity runs at the rate <see cref="FaultOptions.ActivityFailureRate"/> asks for — zero unless a tester
/// sets it — so that recovery through retries is exercised on real jobs, not assumed.
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
}

/// <summary>A failure injected by <see cref="FaultInjection"/>.</summary>
public sealed class InjectedFaultException(string message) : Exception(message);
