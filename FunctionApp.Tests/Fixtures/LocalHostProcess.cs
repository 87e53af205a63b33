using System.Diagnostics;

namespace PrimeFunctions.Tests.Fixtures;

/// <summary>The local host as a separate process, built by the same build as the tests, so a test can kill it outright.</summary>
internal sealed class LocalHostProcess : IDisposable
{
    private readonly Process process;
    private readonly System.Text.StringBuilder output = new();

    private LocalHostProcess(Process process, Uri baseAddress)
    {
        this.process = process;
        BaseAddress = baseAddress;
        process.OutputDataReceived += (_, e) => Capture(e.Data);
        process.ErrorDataReceived += (_, e) => Capture(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public Uri BaseAddress { get; }

    /// <summary>The process id, for a test that reads the host's CPU time from <c>/proc</c>.</summary>
    public int Id => process.Id;

    public bool HasExited => process.HasExited;

    /// <summary>Sends the host <paramref name="signal"/> (<c>TERM</c>, <c>STOP</c>, <c>CONT</c>) with <c>kill</c>.</summary>
    public void Signal(string signal)
    {
        using var kill = Process.Start("kill", ["-" + signal, process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
        Assert.Equal(0, kill.ExitCode);
    }

    public static Task<LocalHostProcess> StartAsync(int port, params string[] settings) => StartAsync([], port, settings);

    /// <summary>Starts the host under <paramref name="launcher"/> (a command and its arguments, e.g. <c>faketime -f +120s</c>), or directly when it is empty.</summary>
    public static async Task<LocalHostProcess> StartAsync(IReadOnlyList<string> launcher, int port, params string[] settings)
    {
        var root = PrimeFunctions.LocalHost.RepositoryLayout.Root;
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
        var dll = Path.Combine(root, "LocalHost", "bin", configuration, "net10.0", "LocalHost.dll");
        var start = new ProcessStartInfo(launcher.Count > 0 ? launcher[0] : "dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in launcher.Skip(1).Concat(launcher.Count > 0 ? ["dotnet"] : []))
        {
            start.ArgumentList.Add(argument);
        }

        start.ArgumentList.Add(dll);
        start.ArgumentList.Add($"--urls=http://127.0.0.1:{port}");
        foreach (var setting in settings)
        {
            start.ArgumentList.Add(setting);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {dll}.");
        var host = new LocalHostProcess(process, new Uri($"http://127.0.0.1:{port}"));
        using var http = new HttpClient { BaseAddress = host.BaseAddress };
        for (var deadline = DateTime.UtcNow.AddSeconds(60); ; await Task.Delay(200))
        {
            Assert.False(process.HasExited, $"LocalHost exited: {host.Output}");
            Assert.True(DateTime.UtcNow < deadline, "LocalHost did not answer within 60 s.");
            try
            {
                await http.GetAsync("/runtime/webhooks/durabletask/instances/none");
                return host;
            }
            catch (HttpRequestException)
            {
            }
        }
    }

    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    /// <summary>What the host logged at warning or worse, with each entry's message line: what to read when something went wrong.</summary>
    public string Problems
    {
        get
        {
            var lines = Output.Split('\n');
            var picked = new System.Text.StringBuilder();
            for (var i = 0; i < lines.Length; i++)
            {
                if (lines[i].StartsWith("warn:", StringComparison.Ordinal) || lines[i].StartsWith("fail:", StringComparison.Ordinal) || lines[i].StartsWith("crit:", StringComparison.Ordinal))
                {
                    picked.AppendLine(lines[i]);
                    for (var j = i + 1; j < lines.Length && lines[j].StartsWith("  ", StringComparison.Ordinal); j++)
                    {
                        picked.AppendLine(lines[j]);
                    }
                }
            }

            return picked.Length > 20_000 ? picked.ToString()[^20_000..] : picked.ToString();
        }
    }

    private void Capture(string? line)
    {
        if (line is not null)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }

    /// <summary>Ends the process at once, as a crash or a pulled plug would: no shutdown code runs.</summary>
    public void Kill()
    {
        process.Kill(entireProcessTree: true);
        process.WaitForExit();
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            Kill();
        }

        process.Dispose();
    }
}
