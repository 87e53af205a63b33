using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using PrimeFunctions.Orchestration;

namespace PrimeFunctions.Functions;

/// <summary>
/// The is-prime job's orchestrator and activities, each running the class of the same name. The activities take
/// the durable client to read their job's status: the test stops when the job does, and waits its turn in line.
/// </summary>
public sealed class IsPrimeJobFunctions(IsPrimeActivity test, IsPrimeAdmissionActivity admission)
{
    [Function(nameof(IsPrimeOrchestrator))]
    public static Task<IsPrimeVerdict?> IsPrime([OrchestrationTrigger] TaskOrchestrationContext context, string number) =>
        new IsPrimeOrchestrator().RunAsync(context, number);

    [Function(nameof(IsPrimeActivity))]
    public Task<IsPrimeVerdict?> TestPrimality(
        [ActivityTrigger] string number, string instanceId, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        test.RunAsync(number, instanceId, client, cancellationToken);

    [Function(nameof(IsPrimeAdmissionActivity))]
    public Task<int> AdmitIsPrime(
        [ActivityTrigger] string jobId, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        admission.RunAsync(jobId, client, cancellationToken);
}
