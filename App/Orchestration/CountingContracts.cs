using System.Text.Json.Serialization;
using PrimeFunctions.Engine.Counting;

namespace PrimeFunctions.Orchestration;

// Values of count and n-th prime jobs that pass through durable history; 64-bit integers as decimal strings.

/// <summary>The input of a count job: the inclusive range, and how many intervals one π(x) is cut into.</summary>
public sealed record CountJob(
    [property: JsonNumberHandling(JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.WriteAsString)] ulong From,
    [property: JsonNumberHandling(JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.WriteAsString)] ulong To,
    int Intervals);

/// <summary>The input of an n-th prime job.</summary>
public sealed record NthPrimeJob(
    [property: JsonNumberHandling(JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.WriteAsString)] ulong N,
    int Intervals);

/// <summary>
/// An inclusive range whose primes an activity counts with the sieve, for job <paramref name="JobId"/>, which the stored
/// segments it counts are marked as used by (so retention keeps them as long as a range job's reuse would).
/// </summary>
public sealed record SieveCountTask(
    [property: JsonNumberHandling(JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.WriteAsString)] ulong From,
    [property: JsonNumberHandling(JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.WriteAsString)] ulong To,
    string JobId);

/// <summary>What <see cref="SieveCountActivity"/> counted, as a decimal string, and how many stored segments it read instead of sieving.</summary>
public sealed record SieveCount(string Count, int SegmentsCached);

/// <summary>The input of <see cref="PlanPiActivity"/>: x, and at most how many intervals.</summary>
public sealed record PlanPiTask(
    [property: JsonNumberHandling(JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.WriteAsString)] ulong X,
    int Intervals);

/// <summary>One interval of the special leaves of π(x).</summary>
public sealed record PiIntervalTask(CountParameters Parameters, S2Interval Interval);

/// <summary>Where the short sieve of an n-th prime job starts: the estimate and π there.</summary>
public sealed record NthPrimeSieveTask(
    [property: JsonNumberHandling(JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.WriteAsString)] ulong N,
    [property: JsonNumberHandling(JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.WriteAsString)] ulong Estimate,
    [property: JsonNumberHandling(JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.WriteAsString)] ulong PiAtEstimate);

/// <summary>The custom status of count and n-th prime jobs: the phase, and the special-leaf intervals done of those started.</summary>
public sealed record CountProgress(string Phase, int IntervalsDone, int IntervalsTotal);
