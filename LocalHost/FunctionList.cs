using Microsoft.DurableTask;
using PrimeFunctions.Engine.Counting;
using PrimeFunctions.Functions;
using PrimeFunctions.LocalHost.Triggers;
using PrimeFunctions.Orchestration;
using PrimeFunctions.Storage;

namespace PrimeFunctions.LocalHost;

/// <summary>
/// Every function of FunctionApp that LocalHost serves, by hand: each under the name, trigger, route and methods or
/// schedule its <c>[Function]</c> method declares, calling that method. The Functions host learns the same from
/// <c>functions.metadata</c>, which the Worker SDK writes at build time; FunctionApp.Tests' FunctionRegistrationTests
/// fails when what this file registers and that file lists differ, either way.
/// </summary>
public static class FunctionList
{
    private static readonly string[] Get = ["GET", "HEAD"];
    private static readonly string[] Post = ["POST"];
    private static readonly string[] Delete = ["DELETE"];

    /// <summary>The HTTP functions, on their routes under <paramref name="routePrefix"/>.</summary>
    public static void MapHttpFunctions(this IEndpointRouteBuilder app, string routePrefix) => new HttpTriggers(app, routePrefix)
        .Map("StartPrimes", "primes", Post, call => call.Of<PrimesHttpFunctions>().Start(call.Request, call.Client))
        .Map("GetPrimesResults", "primes/{id}/results", Get, call => call.Of<PrimesHttpFunctions>().Results(call.Request, call.Client, call.Route("id")))
        .Map("ListPrimesJobs", "primes", Get, call => call.Of<JobManagementHttpFunctions>().List(call.Request, call.Client))
        .Map("GetPrimesJob", "primes/{id}", Get, call => call.Of<JobManagementHttpFunctions>().View(call.Request, call.Client, call.Route("id")))
        .Map("DeletePrimesJob", "primes/{id}", Delete, call => call.Of<JobManagementHttpFunctions>().Delete(call.Request, call.Client, call.Route("id")))
        .Map("IsPrime", "isprime/{n}", Get, call => call.Of<IsPrimeHttpFunctions>().IsPrime(call.Request, call.Client, call.Route("n")))
        .Map("IsPrimeOfBody", "isprime", Post, call => call.Of<IsPrimeHttpFunctions>().IsPrimeOfBody(call.Request, call.Client))
        .Map("StartCount", "counts", Post, call => call.Of<CountHttpFunctions>().StartCount(call.Request, call.Client))
        .Map("StartNthPrime", "nth-prime", Post, call => call.Of<CountHttpFunctions>().StartNthPrime(call.Request, call.Client))
        .Map("Dashboard", "dashboard", Get, call => Task.FromResult(call.Of<DashboardHttpFunction>().Page(call.Request)))
        .Map("OpenApi", "openapi.json", Get, call => Task.FromResult(call.Of<OpenApiHttpFunction>().Document(call.Request)));

    /// <summary>The orchestrator and activity functions, registered with the Durable Task worker.</summary>
    public static void AddDurableFunctions(this DurableTaskRegistry registry, IServiceProvider services) => new DurableTriggers(registry, services)
        .Orchestrator<RangeJob, JobSummary?>(nameof(PrimeRangeOrchestrator), OrchestrationFunctions.PrimeRange)
        .Activity<SegmentTask, SegmentResult[]>(nameof(SieveSegmentActivity), (call, task) => call.Of<OrchestrationFunctions>().SieveSegment(task))
        .Activity<MergeRequest, JobSummary?>(nameof(MergeJobActivity), (call, request) => call.Of<OrchestrationFunctions>().MergeJob(request))
        .Activity<string, long>(nameof(MergeProgressActivity), (call, jobId) => call.Of<OrchestrationFunctions>().MergeProgress(jobId))
        .Orchestrator<CountJob, CountResult>(nameof(CountOrchestrator), CountingFunctions.Count)
        .Orchestrator<NthPrimeJob, NthPrimeResult>(nameof(NthPrimeOrchestrator), CountingFunctions.NthPrime)
        .Activity<string, PiValue?>(nameof(FindPiActivity), (call, x) => call.Of<CountingFunctions>().FindPi(x))
        .Activity<PiValue>(nameof(StorePiActivity), (call, value) => call.Of<CountingFunctions>().StorePi(value))
        .Activity<SieveCountTask, SieveCount>(nameof(SieveCountActivity), (call, task) => call.Of<CountingFunctions>().SieveCount(task))
        .Activity<PlanPiTask, CountPlan>(nameof(PlanPiActivity), (_, task) => CountingFunctions.PlanPi(task))
        .Activity<CountParameters, BaseTerms>(nameof(PiBaseTermsActivity), (_, parameters) => CountingFunctions.PiBaseTerms(parameters))
        .Activity<PiIntervalTask, S2Partial>(nameof(PiIntervalActivity), (_, task) => CountingFunctions.PiInterval(task))
        .Activity<string, string>(nameof(NthPrimeEstimateActivity), (_, n) => CountingFunctions.NthPrimeEstimate(n))
        .Activity<NthPrimeSieveTask, string>(nameof(NthPrimeSieveActivity), (_, task) => CountingFunctions.NthPrimeSieve(task))
        .Orchestrator<string, IsPrimeVerdict?>(nameof(IsPrimeOrchestrator), IsPrimeJobFunctions.IsPrime)
        .Activity<string, IsPrimeVerdict?>(nameof(IsPrimeActivity), (call, number) =>
            call.Of<IsPrimeJobFunctions>().TestPrimality(number, call.InstanceId, call.Client, call.Cancellation))
        .Activity<string, int>(nameof(IsPrimeAdmissionActivity), (call, jobId) =>
            call.Of<IsPrimeJobFunctions>().AdmitIsPrime(jobId, call.Client, call.Cancellation));

    /// <summary>The timer functions, which <see cref="TimerTriggers"/> runs.</summary>
    public static IReadOnlyList<TimerFunction> Timers { get; } =
    [
        new("Retention", RetentionSweep.Schedule, call => call.Of<RetentionFunction>().Run(call.Timer, call.Client, call.Cancellation)),
    ];
}
