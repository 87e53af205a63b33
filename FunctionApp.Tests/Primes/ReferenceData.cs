namespace PrimeFunctions.Tests.Primes;

/// <summary>The shared reference files, read from ../shared/reference beside the repository root.</summary>
internal static class ReferenceData
{
    public static IReadOnlyList<ulong> Read(string fileName)
    {
        var path = Path.Combine(RepositoryRoot(), "..", "shared", "reference", fileName);
        return File.ReadLines(path)
            .Where(line => !string.IsNullOrWhiteSpace(line))
            .Select(line => ulong.Parse(line.Trim(), System.Globalization.CultureInfo.InvariantCulture))
            .ToList();
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PrimeFunctions.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("PrimeFunctions.sln not found above " + AppContext.BaseDirectory);
    }
}
