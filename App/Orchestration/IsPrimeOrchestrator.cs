using Microsoft.DurableTask;

namespace PrimeFunctions.Orchestration;

/// <summary>
/// An is-prime job for a number too long to test while the caller waits. Its input is the number's canonical
/// digits: up to 100 000 digits is about 100 KB, which the Azure Storage provider moves into its large-message
/// blobs by itself (and purging the instance removes them), so no blob of our own has to be managed.
/// It first waits its turn (<see cref="IsPrimeAdmissionActivity"/>: at most <see cref="PrimesOptions.MaxConcurrentIsPrimeJobs"/>
/// tests run at once), then runs the test as one activity, which sends its progress back as events; each becomes
/// the job's custom status. The activity returns null when it stopped because the job was terminated or purged.
/// </summary>
public sealed class IsPrimeOrchestrator : TaskOrchestrator<string, IsPrimeVerdict?>
{
    /// <summary>The event a running test sends its progress with.</summary>
    public const string ProgressEvent = "progress";

    /// <summary>How often a job waiting in line asks again whether its turn has come.</summary>
    public static readonly TimeSpan QueuePoll = TimeSpan.FromSeconds(5);

    public override async Task<IsPrimeVerdict?> RunAsync(TaskOrchestrationContext context, string number)
    {
        var digits = number.Length;
        while (await context.CallActivityAsync<int>(nameof(IsPrimeAdmissionActivity), context.InstanceId) is var ahead and > 0)
        {
            context.SetCustomStatus(new IsPrimeProgress("queued", digits) { Ahead = ahead });
            await context.CreateTimer(context.CurrentUtcDateTime + QueuePoll, CancellationToken.None);
        }

        context.SetCustomStatus(new IsPrimeProgress("testing", digits));
        var test = context.CallActivityAsync<IsPrimeVerdict?>(nameof(IsPrimeActivity), number);

        // History grows by one event per progress report, so it stays bounded by the test's own length.
        using var stopWaiting = new CancellationTokenSource();
        var update = context.WaitForExternalEvent<IsPrimeProgress>(ProgressEvent, stopWaiting.Token);
        while (await Task.WhenAny(test, update) == update)
        {
            context.SetCustomStatus(await update);
            update = context.WaitForExternalEvent<IsPrimeProgress>(ProgressEvent, stopWaiting.Token);
        }

        stopWaiting.Cancel();
        var verdict = await test;
        context.SetCustomStatus(new IsPrimeProgress(verdict is null ? "stopped" : "completed", digits));
        return verdict;
    }
}
