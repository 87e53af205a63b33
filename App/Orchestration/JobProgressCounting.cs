namespace PrimeFunctions.Orchestration;

/// <summary>How a range job's progress counts a settled segment; the progress itself is a wire type clients read too.</summary>
public static class JobProgressCounting
{
    /// <summary>The progress with <paramref name="segment"/> done; its primes count only when it lies wholly inside the range.</summary>
    public static JobProgress Add(this JobProgress progress, SegmentResult segment, bool wholeSegmentInRange) => progress with
    {
        SegmentsDone = progress.SegmentsDone + 1,
        SegmentsReused = progress.SegmentsReused + (segment.Reused ? 1 : 0),
        PrimesSoFar = progress.PrimesSoFar + (wholeSegmentInRange ? segment.Count : 0),
    };
}
