using PrimeFunctions.Storage;

namespace PrimeFunctions.Orchestration;

/// <summary>
/// The custom status of a running range job. <see cref="PrimesSoFar"/> counts the primes of the segments done that
/// lie wholly inside the range: the two edge segments count only once the merge has clipped them, so the figure
/// only grows, and ends at the job's count. While merging, <see cref="SegmentsMerged"/> says how far the merge is.
/// The times (UTC, as the orchestration saw them) split a job's wait into phases: queued from its creation to
/// <see cref="StartedAt"/>, sieving to <see cref="SievedAt"/>, merging to <see cref="MergedAt"/>.
/// </summary>
public sealed record JobProgress(
    JobPhase Phase,
    long SegmentsDone,
    long SegmentsTotal,
    long SegmentsReused,
    long PrimesSoFar,
    long SegmentsMerged = 0,
    DateTime? StartedAt = null,
    DateTime? SievedAt = null,
    DateTime? MergedAt = null);
