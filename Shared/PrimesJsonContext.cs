using System.Text.Json;
using System.Text.Json.Serialization;
#if PRIMES_APP
using PrimeFunctions.Api;
using PrimeFunctions.Engine.Counting;
#else
using PrimeFunctions.Cli;
#endif
using PrimeFunctions.Orchestration;
using PrimeFunctions.Storage;

namespace PrimeFunctions;

/// <summary>
/// The one JSON context of the service and its command line. Every response body, durable value (input, output,
/// custom status, event) and table record, and everything the command line reads and prints, is written with the
/// metadata the source generator makes here: the web defaults (camelCase, numbers also read from strings) and times
/// in UTC with milliseconds (<see cref="UtcTimeJsonConverter"/>). This file declares what both sides use and is
/// compiled into each, and the app's own types are added where <c>PRIMES_APP</c> is defined (the app's project): the
/// source generator takes one declaration's attributes, so the list cannot be split across files. A type the context
/// does not declare is refused where its options are used, not written by reflection.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, Converters = [typeof(UtcTimeJsonConverter.ForDateTimeOffset), typeof(UtcTimeJsonConverter.ForDateTime)])]
[JsonSerializable(typeof(JobSummary))]
[JsonSerializable(typeof(JobProgress))]
[JsonSerializable(typeof(CountResult))]
[JsonSerializable(typeof(NthPrimeResult))]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(Dictionary<string, string>))]
#if PRIMES_APP
// The app's response bodies (OpenApiDocument.ResponseTypes and the rest), and every value that passes through durable
// history: each activity's input and output, each orchestration's input, output and custom status, the is-prime event.
[JsonSerializable(typeof(JobResponse))]
[JsonSerializable(typeof(JobList))]
[JsonSerializable(typeof(JobView))]
[JsonSerializable(typeof(ResultsPage))]
[JsonSerializable(typeof(IsPrimeAnswer))]
[JsonSerializable(typeof(IsPrimeJobResponse))]
[JsonSerializable(typeof(CountingJobResponse))]
[JsonSerializable(typeof(StoppingJob))]
[JsonSerializable(typeof(RangeJob))]
[JsonSerializable(typeof(SegmentTask))]
[JsonSerializable(typeof(SegmentResult[]))]
[JsonSerializable(typeof(MergeRequest))]
[JsonSerializable(typeof(CountJob))]
[JsonSerializable(typeof(NthPrimeJob))]
[JsonSerializable(typeof(SieveCountTask))]
[JsonSerializable(typeof(SieveCount))]
[JsonSerializable(typeof(PlanPiTask))]
[JsonSerializable(typeof(PiIntervalTask))]
[JsonSerializable(typeof(NthPrimeSieveTask))]
[JsonSerializable(typeof(CountProgress))]
[JsonSerializable(typeof(IsPrimeProgress))]
[JsonSerializable(typeof(IsPrimeVerdict))]
[JsonSerializable(typeof(PiValue))]
[JsonSerializable(typeof(CountParameters))]
[JsonSerializable(typeof(CountPlan))]
[JsonSerializable(typeof(BaseTerms))]
[JsonSerializable(typeof(S2Partial))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(long))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(object))]
[JsonSerializable(typeof(object[]))]
#else
// What the command line prints with --json beyond the service's own bodies.
[JsonSerializable(typeof(VerifiedFile))]
[JsonSerializable(typeof(DeletedJob))]
#endif
internal sealed partial class PrimesJsonContext : JsonSerializerContext;
