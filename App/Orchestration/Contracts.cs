using System.Text.Json.Serialization;
using PrimeFunctions.Engine;
using PrimeFunctions.Storage;

namespace PrimeFunctions.Orchestration;

// Values that pass through durable history. 64-bit integers travel as decimal strings so that any JSON
// reader — the status endpoint is read by JavaScript too — keeps every digit.

/// <summary>
/// The input of a range job: the inclusive range, the grid it plans on, the id its starter gave this run (what its
/// sieves hand off and its deletion mark name), and when it was asked for — shown and used to order the job list only,
/// never compared with a time another worker wrote; and, from its second wave on, how far it has come. No URL travels
/// here: durable state outlives the request that started it and is shown to every caller, so public URLs are made for
/// each response instead.
/// </summary>
public sealed record RangeJob(
    [property: JsonNumberHandling(JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.WriteAsString)] ulong From,
    [property: JsonNumberHandling(JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.WriteAsString)] ulong To,
    [property: JsonNumberHandling(JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.WriteAsString)] ulong SegmentWidth,
    int MaxTasksPerOrchestration,
    string RunId,
    DateTimeOffset CreatedAt,
    int MergeProgressSeconds = 5,
    JobProgress? Progress = null,
    int SegmentsPerTask = 1)
{
    // A job is cut into at least this many sieve tasks when it has that many segments, so that a narrow one still
    // keeps a few cores (or instances) busy.
    private const int MinTasks = 4;

    [JsonIgnore] public SegmentGrid Grid => new(SegmentWidth);
    [JsonIgnore] public long FirstSegment => Grid.IndexOf(From);
    [JsonIgnore] public long LastSegment => Grid.IndexOf(To);
    [JsonIgnore] public long SegmentCount => LastSegment - FirstSegment + 1;

    /// <summary>This run of the job <paramref name="jobId"/>.</summary>
    public JobRun RunOf(string jobId) => new(jobId, RunId);

    /// <summary>How many segments one sieve task of this job takes: up to <see cref="SegmentsPerTask"/>, fewer for a narrow job.</summary>
    [JsonIgnore] public int TaskSegments => (int)Math.Clamp((SegmentCount + MinTasks - 1) / MinTasks, 1, Math.Max(1, SegmentsPerTask));

    /// <summary>
    /// The sieve tasks for segments <paramref name="first"/> to <paramref name="last"/>, at most
    /// <see cref="MaxTasksPerOrchestration"/>. Task t takes segments first + t, first + t + n, … (n tasks): together
    /// the tasks finish segments roughly in grid order, the order the merge reads them in.
    /// </summary>
    public IEnumerable<SegmentTask> Tasks(long first, long last, string jobId)
    {
        var segments = last - first + 1;
        var tasks = (int)Math.Min(MaxTasksPerOrchestration, (segments + TaskSegments - 1) / TaskSegments);
        for (var t = 0; t < tasks; t++)
        {
            yield return new SegmentTask(SegmentWidth, first + t, RunOf(jobId), (int)((segments - t + tasks - 1) / tasks), tasks);
        }
    }

    /// <summary>True when segment <paramref name="index"/> lies wholly inside [From, To].</summary>
    public bool Covers(long index) => Grid.Bounds(index) is var (low, high) && low >= From && high <= To;
}

/// <summary>
/// Grid segments to settle for a run of a job — <see cref="Segments"/> of them, from <see cref="Index"/> on,
/// <see cref="Stride"/> apart — each found stored or sieved, unless the run has been deleted, and handed off to the merge.
/// </summary>
public sealed record SegmentTask(
    [property: JsonNumberHandling(JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.WriteAsString)] ulong SegmentWidth,
    long Index,
    JobRun Run,
    int Segments = 1,
    int Stride = 1)
{
    [JsonIgnore] public IEnumerable<long> Indices => Enumerable.Range(0, Segments).Select(k => Index + (long)k * Stride);
}

/// <summary>What settling one segment produced — its hand-off row, or nothing for a deleted run; the primes themselves stay in the blob.</summary>
public sealed record SegmentResult(long Index, long Count, bool Reused);

/// <summary>The merge step's input: the job, under its instance id. Its output is null only when the run was deleted: nothing was written.</summary>
public sealed record MergeRequest(string JobId, RangeJob Job)
{
    [JsonIgnore] public JobRun Run => Job.RunOf(JobId);
}
