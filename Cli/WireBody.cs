using System.Text.Json;
using PrimeFunctions.Orchestration;
using PrimeFunctions.Storage;

namespace PrimeFunctions.Cli;

/// <summary>Parts of the service's bodies read as the wire types the service writes them from, with the shared JSON context.</summary>
internal static class WireBody
{
    /// <summary>A range job's progress, or null where a status carries none yet.</summary>
    public static JobProgress? Progress(JsonElement customStatus) =>
        customStatus.ValueKind == JsonValueKind.Object ? customStatus.Deserialize(PrimesJsonContext.Default.JobProgress) : null;

    /// <summary>A completed range job's summary (its status's <c>output</c>).</summary>
    public static JobSummary Summary(JsonElement output) =>
        output.Deserialize(PrimesJsonContext.Default.JobSummary) ?? throw new PrimesApiException("The job's status has no summary.");

    /// <summary>A phase as the service writes it: <c>sieving</c>, <c>merging</c>, …</summary>
    public static string Name(JobPhase phase) => phase.ToString().ToLowerInvariant();
}
