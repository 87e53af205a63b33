namespace PrimeFunctions.Tests.Deployment;

/// <summary>
/// The Bicep CLI from the NuGet package the test project pins (Azure.Bicep.CommandLine.linux-x64), found through
/// the package folder the build records in this assembly, so `dotnet test` needs no Bicep installed beforehand.
/// </summary>
internal static class BicepCli
{
    private static readonly Lazy<string> Executable = new(FindExecutable);

    public static string MainTemplate => Path.Combine(BuildMetadata.RepositoryRoot, "infra", "main.bicep");

    public static Task<ToolRun> RunAsync(params string[] arguments) =>
        ToolRun.RunAsync(Executable.Value, arguments, BuildMetadata.RepositoryRoot, TimeSpan.FromMinutes(2));

    private static string FindExecutable()
    {
        var executable = Path.Combine(BuildMetadata.BicepPackageFolder, "tools", "bicep");
        if (!File.Exists(executable))
        {
            throw new FileNotFoundException("The Bicep CLI is missing from its package folder.", executable);
        }

        // Package extraction does not promise the execute bit on every machine.
        if (OperatingSystem.IsWindows())
        {
            return executable;
        }

        var mode = File.GetUnixFileMode(executable);
        const UnixFileMode execute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        if ((mode & UnixFileMode.UserExecute) == 0)
        {
            File.SetUnixFileMode(executable, mode | execute);
        }

        return executable;
    }
}
