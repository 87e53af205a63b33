namespace PrimeFunctions.Engine.Tests;

/// <summary>
/// Reference lists computed independently of the project (see <c>Reference/README.md</c>), copied beside the
/// tests' binaries by the build, so the tests need nothing outside the repository.
/// </summary>
internal static class ReferenceData
{
    public static IReadOnlyList<ulong> Read(string fileName) =>
        File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Reference", fileName))
            .Where(line => !string.IsNullOrWhiteSpace(line))
            .Select(line => ulong.Parse(line.Trim(), System.Globalization.CultureInfo.InvariantCulture))
            .ToList();
}
