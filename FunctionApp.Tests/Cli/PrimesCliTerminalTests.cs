using System.Diagnostics;
using PrimeFunctions.Tests.Fixtures;
using Xunit.Abstractions;

namespace PrimeFunctions.Tests.Cli;

/// <summary>
/// The <c>primes</c> command line in a real terminal (tmux) of 80 and 120 columns against the local host: every line
/// of every frame it draws fits the terminal, something shows before the service answers, errors are one line.
/// </summary>
public sealed class PrimesCliTerminalTests(ServiceFixture service, ITestOutputHelper log) : IClassFixture<ServiceFixture>, IDisposable
{
    private static readonly string Primes = Path.Combine(AppContext.BaseDirectory, "primes.dll");

    private readonly string folder = Directory.CreateTempSubdirectory("primes-tty-").FullName;

    [TmuxTheory]
    [InlineData(80, 30_000_000)]
    [InlineData(120, 33_000_000)]
    public async Task Run_draws_frames_that_fit_the_terminal_and_shows_at_once(int columns, ulong to)
    {

        var (frames, firstShown) = await RecordAsync(columns, $"run 0 {to} -o p.txt");

        AssertEveryLineFits(frames, columns);
        var last = frames[^1];
        Assert.Contains(last, line => line.Contains("verified", StringComparison.Ordinal));
        Assert.Contains("exit 0", last);
        Assert.Contains(frames, frame => frame.Any(line => line.Contains("starting", StringComparison.Ordinal)));
        Assert.Contains(last, line => line.StartsWith($"primes-0-{to}: ", StringComparison.Ordinal));
        Assert.Contains(last, line => line.StartsWith("downloading p.txt ", StringComparison.Ordinal) && line.Contains('━') && line.Contains("100%"));
        log.WriteLine($"{columns} columns: {frames.Count} frames, first text after {firstShown.TotalMilliseconds:0} ms (process start included)");
        Assert.True(firstShown < TimeSpan.FromSeconds(5), $"nothing showed for {firstShown}");
    }

    [TmuxTheory]
    [InlineData(80)]
    [InlineData(120)]
    public async Task List_fits_the_terminal_with_whole_ids(int columns)
    {
        await new JobClient(service.Http).RunAsync(1, 1_000_000);
        await new JobClient(service.Http).RunAsync(18_446_744_073_709_000_000, 18_446_744_073_709_551_615);

        var (frames, _) = await RecordAsync(columns, "list");

        AssertEveryLineFits(frames, columns);
        Assert.Contains(frames[^1], line => line.StartsWith("primes-1-1000000 ", StringComparison.Ordinal));
        Assert.Contains(frames[^1], line => line.StartsWith("id ", StringComparison.Ordinal) && line.Contains("status", StringComparison.Ordinal));
    }

    [TmuxTheory]
    [InlineData("isprime @missing.txt", "error: @missing.txt: no such file.")]
    [InlineData("isprime 12x", "error: '12x' is not a non-negative integer (digits, or an expression such as 1e9+7, 10^9+7 or 2^127-1).")]
    [InlineData("run 0", "error: Required argument 'to' missing for command: 'run' (see primes run --help).")]
    public async Task A_mistake_is_one_line(string arguments, string expected)
    {

        var (frames, _) = await RecordAsync(80, arguments);

        Assert.Equal([expected, "exit 1"], frames[^1].Where(line => line.Length > 0));
    }

    [TmuxTheory]
    [InlineData("2^127-1", "170141183460469231731687303715884105727 is prime")]
    [InlineData("1e9+7", "1000000007 is prime")]
    [InlineData("10^9+9", "1000000009 is prime")]
    [InlineData("2^64-1", "18446744073709551615 is not prime")]
    public async Task Isprime_takes_number_expressions(string expression, string expected)
    {
        await File.WriteAllTextAsync(Path.Combine(folder, "n.txt"), expression + "\n");

        var (argument, _) = await RecordAsync(80, $"isprime {expression}");
        var (fromFile, _) = await RecordAsync(80, "isprime @n.txt");

        Assert.Contains(argument[^1], line => line.StartsWith(expected + " (", StringComparison.Ordinal));
        Assert.Contains(fromFile[^1], line => line.StartsWith(expected + " (", StringComparison.Ordinal));
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static void AssertEveryLineFits(IReadOnlyList<string[]> frames, int columns)
    {
        foreach (var (frame, index) in frames.Select((frame, index) => (frame, index)))
        {
            foreach (var line in frame)
            {
                Assert.True(line.Length <= columns, $"frame {index}: a line of {line.Length} columns in {columns}:\n{string.Join('\n', frame)}");
            }
        }
    }

    /// <summary>Runs the CLI with <paramref name="arguments"/> in a fresh terminal and records each changed screen until it exits.</summary>
    private async Task<(List<string[]> Frames, TimeSpan FirstShown)> RecordAsync(int columns, string arguments)
    {
        var command = $"cd '{folder}' && dotnet '{Primes}' {arguments} --url {service.BaseAddress}; echo \"exit $?\"; sleep 600";
        var clock = Stopwatch.StartNew();
        await using var terminal = await TmuxTerminal.StartAsync(columns, 30, command);
        var frames = new List<string[]>();
        var firstShown = TimeSpan.Zero;
        while (clock.Elapsed < TimeSpan.FromMinutes(3))
        {
            var frame = await terminal.CaptureAsync();
            if (frames.Count == 0 || !frame.SequenceEqual(frames[^1]))
            {
                frames.Add(frame);
            }

            if (firstShown == TimeSpan.Zero && frame.Any(line => line.Length > 0))
            {
                firstShown = clock.Elapsed;
            }

            if (frame.Any(line => line.StartsWith("exit ", StringComparison.Ordinal)))
            {
                return (frames, firstShown);
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"primes {arguments} did not end within 3 minutes:\n{string.Join('\n', frames[^1])}");
    }
}
