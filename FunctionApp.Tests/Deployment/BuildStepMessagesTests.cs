using PrimeFunctions.Tests.Fixtures;

namespace PrimeFunctions.Tests.Deployment;

/// <summary>
/// README's first command builds LocalHost with `dotnet run`, whose build is quiet and, with output in a file, showed
/// nothing for the whole build. LocalHost/Directory.Build.rsp and the messages in LocalHost.csproj make it say what
/// it is doing: a quiet build with its output redirected, as `dotnet run` runs it, still prints each step.
/// </summary>
[Collection(Alone.Name)]
public sealed class BuildStepMessagesTests
{
    [Fact]
    public async Task A_quiet_build_of_LocalHost_into_a_file_says_each_step()
    {
        var run = await ToolRun.RunAsync(
            ToolRun.DotnetHost,
            ["build", "LocalHost", "-v:q", "-nologo", "--disable-build-servers"],
            BuildMetadata.RepositoryRoot,
            TimeSpan.FromMinutes(10));

        Assert.True(run.ExitCode == 0, run.Transcript);
        var lines = run.Output.Split('\n').Select(line => line.Trim()).ToList();
        var building = lines.FindIndex(line => line.StartsWith("LocalHost: building Engine, App, FunctionApp and LocalHost", StringComparison.Ordinal));
        var built = lines.IndexOf("LocalHost: built.");
        Assert.True(building >= 0 && built > building, run.Transcript);
        Assert.Contains(lines, line => line.StartsWith("LocalHost -> ", StringComparison.Ordinal));
    }
}
