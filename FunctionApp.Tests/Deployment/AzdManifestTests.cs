namespace PrimeFunctions.Tests.Deployment;

/// <summary>azure.yaml points `azd up` at the Bicep in infra/ and at FunctionApp as the function service `api`.</summary>
public sealed class AzdManifestTests
{
    [Fact]
    public void Azd_deploys_FunctionApp_as_the_api_function_onto_the_infra_bicep()
    {
        var root = BuildMetadata.RepositoryRoot;
        var lines = File.ReadAllLines(Path.Combine(root, "azure.yaml")).Select(line => line.Trim()).ToHashSet();

        Assert.Subset(
            lines,
            new HashSet<string> { "api:", "project: ./FunctionApp", "language: dotnet", "host: function", "provider: bicep", "path: infra", "module: main" });
        Assert.True(File.Exists(Path.Combine(root, "FunctionApp", "FunctionApp.csproj")));
        Assert.True(File.Exists(Path.Combine(root, "infra", "main.bicep")));
        Assert.True(File.Exists(Path.Combine(root, "infra", "main.parameters.json")));
    }
}
