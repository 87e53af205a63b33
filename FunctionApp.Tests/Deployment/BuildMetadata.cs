using System.Reflection;

namespace PrimeFunctions.Tests.Deployment;

/// <summary>Folders the build records in this assembly (AssemblyMetadata items of FunctionApp.Tests.csproj), so the tests run from any directory.</summary>
internal static class BuildMetadata
{
    public static string RepositoryRoot => Get("RepositoryRoot");

    /// <summary>The restored Azure.Bicep.CommandLine.linux-x64 package.</summary>
    public static string BicepPackageFolder => Get("BicepPackagePath");

    private static string Get(string key) =>
        typeof(BuildMetadata).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .SingleOrDefault(attribute => attribute.Key == key)?.Value is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"The build did not record '{key}': restore and build FunctionApp.Tests again.");
}
