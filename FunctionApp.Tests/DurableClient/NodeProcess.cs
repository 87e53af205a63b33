using System.Diagnostics;
using PrimeFunctions.LocalHost;

namespace PrimeFunctions.Tests.DurableClient;

/// <summary>Runs a Node.js script or an npm package's command from the repository's pinned install (<c>npm ci</c>).</summary>
internal static class NodeProcess
{
    public sealed record Outcome(int ExitCode, string Output);

    /// <summary>Runs <c>node</c> with <paramref name="arguments"/> in the repository root, capturing stdout and stderr together.</summary>
    public static async Task<Outcome> RunAsync(TimeSpan timeout, params string[] arguments)
    {
        var start = new ProcessStartInfo("node")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepositoryLayout.Root,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node.");
        var output = new System.Text.StringBuilder();
        void Capture(string? line)
        {
            if (line is not null)
            {
                lock (output)
                {
                    output.AppendLine(line);
                }
            }
        }

        process.OutputDataReceived += (_, e) => Capture(e.Data);
        process.ErrorDataReceived += (_, e) => Capture(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"node {string.Join(' ', arguments)} did not finish within {timeout}:\n{output}");
        }

        process.WaitForExit();
        lock (output)
        {
            return new Outcome(process.ExitCode, output.ToString());
        }
    }

    /// <summary>The path of a file of an installed npm package, failing with the fix when <c>npm ci</c> has not installed it.</summary>
    public static string Package(string package, string file)
    {
        var path = Path.Combine(RepositoryLayout.Root, "node_modules", package, file);
        Assert.True(File.Exists(path), $"{package} is not installed: run 'npm ci' in {RepositoryLayout.Root} (package.json pins it).");
        return path;
    }
}
