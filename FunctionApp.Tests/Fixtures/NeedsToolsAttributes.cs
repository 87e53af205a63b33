namespace PrimeFunctions.Tests.Fixtures;

/// <summary>
/// A fact that runs Debian commands (the prime references, faketime); skipped, not failed, on a machine without them —
/// <c>.ci/run</c> installs them.
/// </summary>
internal sealed class NeedsToolsFactAttribute : FactAttribute
{
    public NeedsToolsFactAttribute(params string[] tools) => Skip = NeedsTools.Missing(tools);
}

/// <summary>The same for a theory.</summary>
internal sealed class NeedsToolsTheoryAttribute : TheoryAttribute
{
    public NeedsToolsTheoryAttribute(params string[] tools) => Skip = NeedsTools.Missing(tools);
}

internal static class NeedsTools
{
    /// <summary>Why the test is skipped, or null when every one of <paramref name="tools"/> is in /usr/bin.</summary>
    public static string? Missing(string[] tools) =>
        tools.Where(tool => !File.Exists($"/usr/bin/{tool}")).ToArray() is { Length: > 0 } missing
            ? $"{string.Join(", ", missing)} missing from /usr/bin: .ci/run installs them (apt-get install primesieve primecount-bin faketime)."
            : null;
}
