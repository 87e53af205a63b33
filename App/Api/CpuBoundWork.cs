using Microsoft.Extensions.Options;

namespace PrimeFunctions.Api;

/// <summary>
/// Bounds the CPU-heavy work done inside requests (is-prime past 64 bits) to
/// <see cref="PrimesOptions.MaxConcurrentSyncIsPrime"/> tests at a time, so that cheap requests — small numbers,
/// status polls, pages — always find a thread and a core. Work beyond the bound is refused at once rather than
/// queued: a queue would only move the wait into every caller's latency, and the caller can retry or wait.
/// </summary>
public sealed class CpuBoundWork(IOptions<PrimesOptions> options)
{
    private readonly SemaphoreSlim slots = new(options.Value.MaxConcurrentSyncIsPrime);

    /// <summary>Runs <paramref name="work"/> on the calling thread if a slot is free; false when every slot is taken.</summary>
    public bool TryRun<T>(Func<T> work, out T? result)
    {
        if (!slots.Wait(0))
        {
            result = default;
            return false;
        }

        try
        {
            result = work();
            return true;
        }
        finally
        {
            slots.Release();
        }
    }
}
