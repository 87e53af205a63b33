using System.Diagnostics;
using Azure.Core;
using Azure.Core.Pipeline;

namespace PrimeFunctions.Storage;

/// <summary>
/// Bounds one storage call, every retry included: each try may wait at most what is left of the budget (its network
/// timeout is cut to it), and once the budget is spent the call throws <see cref="TimeoutException"/> instead of
/// trying again. A storage account that stops answering — a network black hole, not a refused connection, which fails
/// at once — is then an outage within the budget, where the SDK alone would wait 100 seconds a try.
/// </summary>
internal sealed class CallBudgetPolicy(TimeSpan budget) : HttpPipelinePolicy
{
    private const string Deadline = "PrimeFunctions.CallDeadline";

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Limit(message);
        await ProcessNextAsync(message, pipeline);
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Limit(message);
        ProcessNext(message, pipeline);
    }

    private void Limit(HttpMessage message)
    {
        // Placed per retry, so it sees every try of the call: the first one sets the call's deadline.
        if (!message.TryGetProperty(Deadline, out var value) || value is not long deadline)
        {
            deadline = Stopwatch.GetTimestamp() + (long)(budget.TotalSeconds * Stopwatch.Frequency);
            message.SetProperty(Deadline, deadline);
        }

        var left = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), deadline);
        if (left <= TimeSpan.Zero)
        {
            throw new TimeoutException($"Storage did not answer {message.Request.Method} within {budget.TotalSeconds:0.#} s (Primes:StorageCallTimeout).");
        }

        message.NetworkTimeout = left;
    }
}
