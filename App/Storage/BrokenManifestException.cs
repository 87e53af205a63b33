namespace PrimeFunctions.Storage;

/// <summary>
/// A completed job whose manifest parts do not tile its range or add up to its summary (<see cref="ManifestVerifier"/>):
/// nothing may be served from them until they are rebuilt. A request that meets it answers 503 with <c>Retry-After</c>.
/// </summary>
public sealed class BrokenManifestException(JobSummary summary, IReadOnlyList<ManifestPart> parts, string fault)
    : Exception($"The manifest of job '{summary.Id}' is broken: {fault}.")
{
    public JobSummary Summary { get; } = summary;
    public IReadOnlyList<ManifestPart> Parts { get; } = parts;
}
