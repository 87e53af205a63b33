using System.Diagnostics;

namespace PrimeFunctions.Tests.Cli;

/// <summary>
/// A terminal of a fixed size: a detached tmux session on a server of its own, running one shell command. Its screen
/// is read with <c>capture-pane -J</c>, which joins lines the terminal wrapped, so a line longer than the terminal
/// shows as one longer line.
/// </summary>
internal sealed class TmuxTerminal : IAsyncDisposable
{
    private readonly string server = $"primes-test-{Guid.NewGuid():N}";

    private TmuxTerminal(int columns) => Columns = columns;

    public int Columns { get; }

    public static bool IsInstalled => File.Exists("/usr/bin/tmux");

    public static async Task<TmuxTerminal> StartAsync(int columns, int rows, string command)
    {
        var terminal = new TmuxTerminal(columns);
        await terminal.TmuxAsync("new-session", "-d", "-x", columns.ToString(), "-y", rows.ToString(),
            "-e", "TERM=xterm-256color", "-e", "LANG=C.UTF-8", "-e", "COLORTERM=", command);
        return terminal;
    }

    /// <summary>The screen as its lines, trailing blanks cut.</summary>
    public async Task<string[]> CaptureAsync() =>
        (await TmuxAsync("capture-pane", "-p", "-J")).TrimEnd('\n').Split('\n').Select(line => line.TrimEnd()).ToArray();

    public async ValueTask DisposeAsync()
    {
        try
        {
            await TmuxAsync("kill-server");
        }
        catch (InvalidOperationException)
        {
            // The server ends by itself when its only session's command has ended.
        }
    }

    private async Task<string> TmuxAsync(params string[] args)
    {
        var start = new ProcessStartInfo("tmux") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-L");
        start.ArgumentList.Add(server);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0 ? output : throw new InvalidOperationException($"tmux {args[0]}: {error.Trim()}");
    }
}
