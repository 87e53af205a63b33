using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace PrimeFunctions.Orchestration;

/// <summary>
/// Fails the share <see cref="FaultOptions.ActivityFailureRate"/> of activity runs, and slows each segment's sieve and
/// merge by <see cref="FaultOptions.SegmentDelay"/> — neither unless a tester sets it — so that recovery through
/// retries and restarts is exercised on real jobs, not assumed.
/// </summary>
/// <remarks>
/// The failures are counted, not drawn: the process's activity runs are numbered from 1, and run k fails when
/// ⌊k · rate⌋ passes ⌊(k − 1) · rate⌋ — at 0.1 the 10th, 20th, 30th…, at 1 every run. A job of n tasks therefore
/// meets a known number of faults on every run of a test (at least ⌊n · rate⌋), where chance could have left it
/// none; and the failures are spread evenly, so at a rate of one half or less no two runs in a row fail. Each fault
/// is logged as a warning, for a test to count.
/// </remarks>
public sealed partial class FaultInjection(IOptions<PrimesOptions> options, ILogger<FaultInjection> logger)
{
    private long runs;
    private long injected;

    /// <summary>Faults injected by this process so far.</summary>
    public long Injected => Interlocked.Read(ref injected);

    public void MaybeFail(string activity)
    {
        var rate = (decimal)options.Value.Faults.ActivityFailureRate;
        if (rate == 0)
        {
            return;
        }

        var run = Interlocked.Increment(ref runs);
        if (decimal.Floor(run * rate) > decimal.Floor((run - 1) * rate))
        {
            var fault = Interlocked.Increment(ref injected);
            LogInjected(fault, activity, run, rate);
            throw new InjectedFaultException($"{activity} failed on purpose (Primes:Faults:ActivityFailureRate = {rate}).");
        }
    }

    public Task DelaySegmentAsync()
    {
        var delay = options.Value.Faults.SegmentDelay;
        return delay > TimeSpan.Zero ? Task.Delay(delay) : Task.CompletedTask;
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "Injected fault {Fault}: activity run {Run} ({Activity}) fails on purpose (Primes:Faults:ActivityFailureRate = {Rate}).")]
    private partial void LogInjected(long fault, string activity, long run, decimal rate);
}

/// <summary>A failure injected by <see cref="FaultInjection"/>.</summary>
public sealed class InjectedFaultException(string message) : Exception(message);
