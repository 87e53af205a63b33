using System.Globalization;
using PrimeFunctions.Engine;

namespace PrimeFunctions.Orchestration;

/// <summary>Counts the primes of a narrow range with the wheel sieve, a bounded chunk at a time; the count as a decimal string.</summary>
public sealed class SieveCountActivity
{
    private const ulong Chunk = 1ul << 30;

    public Task<string> RunAsync(SieveCountTask task) => Task.Run(() =>
    {
        ulong count = 0;
        for (var low = task.From; ;)
        {
            var high = task.To - low < Chunk ? task.To : low + Chunk - 1;
            count += (ulong)SegmentSieve.Sieve(low, high).Count;
            if (high == task.To)
            {
                return count.ToString(CultureInfo.InvariantCulture);
            }

            low = high + 1;
        }
    });
}
