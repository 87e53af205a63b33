using System.Text.Json;

namespace PrimeFunctions.Cli;

/// <summary>What the service reports for a completed range job; 64-bit values stay the decimal strings it sends.</summary>
internal sealed record JobSummary(string Id, long Count, string Sum, string? First, string? Last, string Sha256, long TextBytes, long Segments, long SegmentsReused)
{
    public static JobSummary From(JsonElement output) => new(
        output.GetProperty("id").GetString()!,
        output.GetProperty("count").GetInt64(),
        output.GetProperty("sum").GetString()!,
        output.GetProperty("first").GetString(),
        output.GetProperty("last").GetString(),
        output.GetProperty("sha256").GetString()!,
        output.GetProperty("textBytes").GetInt64(),
        output.GetProperty("segments").GetInt64(),
        output.GetProperty("segmentsReused").GetInt64());
}
