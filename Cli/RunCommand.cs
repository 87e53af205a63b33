using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using PrimeFunctions.CommandLine;

namespace PrimeFunctions.Cli;

/// <summary>
/// <c>primes run from to [-o file]</c>: starts or joins the job, shows its progress from the custom status, downloads its
/// text (resuming after a dropped connection) and checks the file's SHA-256 against the job's checksum.
/// </summary>
internal static class RunCommand
{
    public static IEnumerable<(Command, CommandRun)> Create()
    {
        var from = new Argument<ulong>("from") { Description = "Low end, inclusive (1000, 1e9, 10^9, 2^64-1e5).", CustomParser = RangeArgument.Parser(0) };
        var to = new Argument<ulong>("to") { Description = "High end, inclusive.", CustomParser = RangeArgument.Parser(0) };
        var output = new Option<string?>("--output", "-o") { Description = "File for the primes, one per line (default: <job id>.txt); a partial file is resumed." };
        var command = new Command("run", "Start or join the job for [from, to], follow it, download its primes and verify them.") { from, to, output };
        yield return (command, (session, result, cancellationToken) =>
            RunAsync(session, result.GetValue(from), result.GetValue(to), result.GetValue(output), cancellationToken));
    }

    private static async Task<int> RunAsync(CliSession session, ulong from, ulong to, string? path, CancellationToken cancellationToken)
    {
        if (from > to)
        {
            throw new PrimesApiException($"'from' ({from}) is above 'to' ({to}).");
        }

        JsonElement final;
        string id;
        using (var line = new LiveLine(session, $"[{from}, {to}]: starting"))
        {
            var started = await session.Client.StartAsync(from, to, cancellationToken);
            id = started.GetProperty("id").GetString()!;
            line.Update($"{id}: {started.GetProperty("runtimeStatus").GetString()}");
            final = started.GetProperty("runtimeStatus").GetString() == "Completed"
                ? started
                : await FollowAsync(session, line, id, new Uri(started.GetProperty("statusQueryGetUri").GetString()!), cancellationToken);
        }

        if (final.GetProperty("runtimeStatus").GetString() is var status and not "Completed")
        {
            throw new PrimesApiException($"Job {id} ended {status}{(final.TryGetProperty("output", out var reason) && reason.ValueKind == JsonValueKind.String ? $": {reason.GetString()}" : "")}.");
        }

        var summary = WireBody.Summary(final.GetProperty("output"));
        path ??= $"{id}.txt";
        string sha256;
        using (var line = new LiveLine(session, $"downloading {path}"))
        {
            sha256 = await TextDownload.RunAsync(session.Client, summary, path, bytes =>
                line.Update($"downloading {path}", (double)bytes / Math.Max(1, summary.TextBytes), $"{Megabytes(bytes)}/{Megabytes(summary.TextBytes)} MB"), cancellationToken);
        }

        Report.Summary(session, summary, path, sha256);
        return sha256 == summary.Sha256 ? 0 : 1;
    }

    private static Task<JsonElement> FollowAsync(CliSession session, LiveLine line, string id, Uri statusUri, CancellationToken cancellationToken) =>
        session.Client.FollowAsync(statusUri, status =>
        {
            if (status.TryGetProperty("customStatus", out var custom) && WireBody.Progress(custom) is { } progress)
            {
                line.Update(
                    $"{id}: {WireBody.Name(progress.Phase)} {progress.SegmentsDone}/{progress.SegmentsTotal} segments ({progress.SegmentsReused} reused), {progress.PrimesSoFar:N0} primes",
                    (double)progress.SegmentsDone / Math.Max(1, progress.SegmentsTotal));
            }
            else if (status.TryGetProperty("runtimeStatus", out var runtime))
            {
                line.Update($"{id}: {runtime.GetString()}");
            }
        }, cancellationToken);

    private static string Megabytes(long bytes) => (bytes / 1e6).ToString(bytes < 1e7 ? "0.0" : "0", CultureInfo.InvariantCulture);
}
