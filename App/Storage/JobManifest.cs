
namespace PrimeFunctions.Storage;

/// <summary>A completed job's manifest: its summary, and its parts in order with their cumulative offsets.</summary>
public sealed record JobManifest(JobSummary Summary, IReadOnlyList<ManifestPart> Parts);
