using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace PrimeFunctions;

/// <summary>Settings of the service (section <c>Primes</c>; as environment variables <c>Primes__SegmentWidth</c> and so on).</summary>
public sealed class PrimesOptions
{
    public const string Section = "Primes";

    /// <summary>Width of a grid segment: the unit one activity sieves and one blob stores. Changing it starts a new cache.</summary>
    [Range(30_000UL, 4_000_000_000UL)]
    public ulong SegmentWidth { get; set; } = 100_000_000;

    /// <summary>How often, in seconds, a running merge's progress is read into the job's status.</summary>
    [Range(1, 300)]
    public int MergeProgressSeconds { get; set; } = 5;

    /// <summary>Most sieve tasks in one wave of a job; a wider job continues as new with the next wave.</summary>
    [Range(2, 1000)]
    public int MaxTasksPerOrchestration { get; set; } = 100;

    /// <summary>
    /// Most grid segments one sieve activity takes on. An activity costs the orchestration tens of milliseconds of
    /// messages, history and replay — about what sieving one segment below 10^13 takes — so low segments go in
    /// batches; a job still gets at least four activities when it has that many segments.
    /// </summary>
    [Range(1, 1000)]
    public int SegmentsPerTask { get; set; } = 8;

    /// <summary>Widest range (to − from + 1) one job may ask for.</summary>
    [Range(1UL, ulong.MaxValue)]
    public ulong MaxRangeWidth { get; set; } = 100_000_000_000;

    /// <summary>Most primes one JSON page may hold.</summary>
    [Range(1, 100_000)]
    public int MaxPageSize { get; set; } = 100_000;

    /// <summary>Seconds a client is asked to wait between two polls of a running job when nothing better is known.</summary>
    [Range(1, 60)]
    public int RetryAfterSeconds { get; set; } = 2;

    /// <summary>The longest <c>Retry-After</c> of a running range job, which otherwise asks for its expected remaining time.</summary>
    [Range(1, 600)]
    public int MaxRetryAfterSeconds { get; set; } = 10;

    /// <summary>
    /// How long <c>POST /api/primes</c> waits for the job to complete before it answers 202: a job done within it is
    /// answered 200 with its summary at once, and the caller never polls.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:30")]
    public TimeSpan StartWait { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Longest one call to storage or to the durable backend may take, retries included. A request whose call runs out
    /// of it answers 503 with Retry-After: storage that stops answering is an outage within seconds, not a hung request.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:02:00")]
    public TimeSpan StorageCallTimeout { get; set; } = Storage.StorageAccount.DefaultCallTimeout;

    /// <summary>Most decimal digits a number given to is-prime may have.</summary>
    [Range(20, 1_000_000)]
    public int MaxIsPrimeDigits { get; set; } = 100_000;

    /// <summary>
    /// Numbers with up to this many digits are tested while the caller waits; longer ones run as a job. Through GMP,
    /// Baillie–PSW of a 2000-digit prime takes about 0.25 s of one core (1332 digits 0.07 s, 2917 digits 0.6 s);
    /// without GMP about six times as long, so lower it to 1000 where <c>libgmp.so.10</c> is missing.
    /// </summary>
    [Range(20, 1_000_000)]
    public int MaxSyncIsPrimeDigits { get; set; } = 2000;

    /// <summary>
    /// Most is-prime jobs testing at once in the task hub; later ones wait in line (phase <c>queued</c> in their status)
    /// and start in the order they were created. A test holds one activity slot of its worker for its whole run.
    /// </summary>
    [Range(1, 1000)]
    public int MaxConcurrentIsPrimeJobs { get; set; } = 1;

    /// <summary>Seconds between two reads of an is-prime job's status by its running test, which stops once the job is terminated or purged.</summary>
    [Range(1, 60)]
    public int IsPrimeStatusPollSeconds { get; set; } = 2;

    /// <summary>Whether is-prime past 64 bits runs through GMP (<c>libgmp.so.10</c>) when the machine has it; false always runs the managed code.</summary>
    public bool IsPrimeUsesGmp { get; set; } = true;

    /// <summary>
    /// Most is-prime tests past 64 bits that run inside requests at once; more answer 429 with Retry-After. One core
    /// is left to everything else — small numbers, polls, pages, sieving — so that none of it waits behind them.
    /// </summary>
    [Range(1, 1024)]
    public int MaxConcurrentSyncIsPrime { get; set; } = Math.Max(1, Environment.ProcessorCount - 1);

    /// <summary>Most jobs one page of the job list may hold.</summary>
    [Range(1, 1000)]
    public int MaxListPageSize { get; set; } = 100;

    /// <summary>How long finished jobs, their manifests, and segments no job has used are kept before retention removes them.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "3650.00:00:00")]
    public TimeSpan RetentionAge { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Deliberate failures, a testing aid for the service's recovery (section <c>Primes:Faults</c>); none by default.</summary>
    [ValidateObjectMembers]
    public FaultOptions Faults { get; set; } = new();
}

/// <summary>Failures and slowness injected on purpose, to see that jobs still complete correctly through retries and restarts.</summary>
public sealed class FaultOptions
{
    /// <summary>
    /// The share of sieve and merge activity runs that fail at their start (0 to 1), counted rather than drawn: at 0.1
    /// the process's 10th, 20th, 30th… run fails (see <see cref="Orchestration.FaultInjection"/>).
    /// </summary>
    [Range(0.0, 1.0)]
    public double ActivityFailureRate { get; set; }

    /// <summary>
    /// A pause before each segment is sieved and before each is merged, standing in for a slow machine or a slow
    /// store, so that a test can act while a job is surely mid-sieve or mid-merge however fast the machine is.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan SegmentDelay { get; set; }
}
