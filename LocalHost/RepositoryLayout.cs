namespace PrimeFunctions.LocalHost;

/// <summary>Finds the repository the host runs from, for host.json, local.settings.json and the pinned Azurite.</summary>
public static class RepositoryLayout
{
    public static string Root { get; } = FindRoot();

    public static string HostJson => Path.Combine(Root, "host.json");
    public static string LocalSettings => Path.Combine(Root, "FunctionApp", "local.settings.json");

    private static string FindRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "PrimeFunctions.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException("Cannot find the repository (a folder holding PrimeFunctions.sln) above the current directory or the app.");
    }
}
