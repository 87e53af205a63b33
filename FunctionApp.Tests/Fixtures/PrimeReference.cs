using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace PrimeFunctions.Tests.Fixtures;

/// <summary>
/// Counts and checksums of prime ranges from tools independent of this code: <c>primecount</c> for π(x), and
/// <c>primesieve -p</c> (one prime per line, as the results' text form) piped through <c>sha256sum</c>. Each range is
/// computed once per test run.
/// </summary>
internal static class PrimeReference
{
    private static readonly ConcurrentDictionary<(ulong, ulong), Lazy<Task<(long Count, string Sha256)>>> Known = new();

    /// <summary>The number of primes in [<paramref name="from"/>, <paramref name="to"/>] and the SHA-256 of their text.</summary>
    public static Task<(long Count, string Sha256)> OfAsync(ulong from, ulong to) =>
        Known.GetOrAdd((from, to), _ => new Lazy<Task<(long, string)>>(() => ComputeAsync(from, to))).Value;

    private static async Task<(long, string)> ComputeAsync(ulong from, ulong to)
    {
        var count = long.Parse(await RunAsync("primecount", Text(to)), CultureInfo.InvariantCulture)
            - (from == 0 ? 0 : long.Parse(await RunAsync("primecount", Text(from - 1)), CultureInfo.InvariantCulture));
        var sha = (await RunAsync("bash", "-c", $"primesieve {Text(from)} {Text(to)} -p | sha256sum")).Split(' ')[0];
        return (count, sha);
    }

    private static async Task<string> RunAsync(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.Equal(0, process.ExitCode);
        return output.Trim();
    }

    private static string Text(ulong value) => value.ToString(CultureInfo.InvariantCulture);
}
