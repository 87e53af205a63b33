using System.Text.Json.Serialization;
using PrimeFunctions.Storage;

namespace PrimeFunctions.Orchestration;

// Values that pass through durable history. 64-bit integers travel as decimal strings so that any JSON
// reader — the status endpoint is read by JavaScript too — keeps every digit.

/// <summary>
/// The input of a range job: the inclusive range, the grid it plans on, where its results are served, and when
/// it was asked for (a job deleted after that time is skipped by any work of it still queued); and, from its
/// second wave on, how far it has come.
/// </summary>
public sealed record RangeJob(
    [property: JsonNumberHandling(JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.WriteAsString)] ulong From,
    [property: JsonNumberHandling(JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.WriteAsString)] ulong To,
    [property: JsonNumberHandling(JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.WriteAsString)] ulong SegmentWidth,
    int MaxTasksPerOrchestration,
    string ResultsUri,
    DateTimeOffset CreatedAt,
    JobProgress? Progress = null)
{
    [JsonIgnore] public SegmentGrid Grid => new(SegmentWidth);
    [JsonIgnore] public long FirstSegment => Grid.IndexOf(From);
    [JsonIgnore] public long LastSegment => Grid.IndexOf(To);
    [JsonIgnore] public long SegmentCount => LastSegment - FirstSegment + 1;
}

/// <summary>One grid segment to sieve for a job, unless the catalog already holds it or the job has been deleted.</summary>
public sealed record SegmentTask(
    [property: JsonNumberHandling(JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.WriteAsString)] ulong SegmentWidth,
    long Index,
    string JobId,
    DateTimeOffset JobCreatedAt);

/// <summary>What sieving (or finding) one segment produced; the primes themselves stay in the blob.</summary>
public sealed record SegmentResult(long Index, long Count, bool Reused);

/// <summary>The custom status of a running range job.</summary>
public sealed record JobProgress(string Phase, long SegmentsDone, long SegmentsTotal, long SegmentsReused, long PrimesSoFar)
{
    public JobProgress Add(SegmentResult segment) => this with
    {
        SegmentsDone = SegmentsDone + 1,
        SegmentsReused = SegmentsReused + (segment.Reused ? 1 : 0),
        PrimesSoFar = PrimesSoFar + segment.Count,
    };
}

/// <summary>The result of a completed range job: its orchestration output, and the head of its manifest.</summary>
public sealed record JobSummary(
    string Id,
    [property: JsonNumberHandling(JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.WriteAsString)] ulong From,
    [property: JsonNumberHandling(JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.WriteAsString)] ulong To,
    long Count,
    string Sum,
    [property: JsonNumberHandling(JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.WriteAsString)] ulong? First,
    [property: JsonNumberHandling(JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.WriteAsString)] ulong? Last,
    string Sha256,
    long TextBytes,
    long Segments,
    long SegmentsReused,
    string ResultsUri);

/// <summary>The merge step's input: the job, under its instance id, and how many segments it found already sieved.</summary>
/// Its output is null when the job was deleted meanwhile: nothing was written.
public sealed record MergeRequest(string JobId, RangeJob Job, long SegmentsReused);
