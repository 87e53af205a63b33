using System.Text.Json;

namespace PrimeFunctions.Cli;

/// <summary>A running job's custom status: segments done of total, how many were reused, primes so far.</summary>
internal sealed record JobProgress(string Phase, long SegmentsDone, long SegmentsTotal, long SegmentsReused, long PrimesSoFar)
{
    public static JobProgress? From(JsonElement customStatus) =>
        customStatus.ValueKind != JsonValueKind.Object ? null : new JobProgress(
            customStatus.GetProperty("phase").GetString()!,
            customStatus.GetProperty("segmentsDone").GetInt64(),
            customStatus.GetProperty("segmentsTotal").GetInt64(),
            customStatus.GetProperty("segmentsReused").GetInt64(),
            customStatus.GetProperty("primesSoFar").GetInt64());
}
