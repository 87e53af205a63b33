using System.CommandLine;
using System.Text.Json;
using PrimeFunctions.CommandLine;
using Spectre.Console;

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

        var started = await session.Client.StartAsync(from, to, cancellationToken);
        var id = started.GetProperty("id").GetString()!;
        var final = started.GetProperty("runtimeStatus").GetString() == "Completed"
            ? started
            : await FollowAsync(session, id, new Uri(started.GetProperty("statusQueryGetUri").GetString()!), cancellationToken);
        if (final.GetProperty("runtimeStatus").GetString() is var status and not "Completed")
        {
            throw new PrimesApiException($"Job {id} ended {status}{(final.TryGetProperty("output", out var reason) && reason.ValueKind == JsonValueKind.String ? $": {reason.GetString()}" : "")}.");
        }

        var summary = JobSummary.From(final.GetProperty("output"));
        path ??= $"{id}.txt";
        var sha256 = await DownloadAsync(session, summary, path, cancellationToken);
        Report.Summary(session, summary, path, sha256);
        return sha256 == summary.Sha256 ? 0 : 1;
    }

    private static Task<JsonElement> FollowAsync(CliSession session, string id, Uri statusUri, CancellationToken cancellationToken) =>
        WithProgressAsync(session, $"{id}: starting", task => session.Client.FollowAsync(statusUri, status =>
        {
            if (status.TryGetProperty("customStatus", out var custom) && JobProgress.From(custom) is { } progress)
            {
                task.MaxValue = Math.Max(1, progress.SegmentsTotal);
                task.Value = progress.SegmentsDone;
                task.Description = Markup.Escape($"{id}: {progress.Phase}, {progress.SegmentsDone}/{progress.SegmentsTotal} segments ({progress.SegmentsReused} reused), {progress.PrimesSoFar:N0} primes");
            }
        }, cancellationToken), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn());

    private static Task<string> DownloadAsync(CliSession session, JobSummary summary, string path, CancellationToken cancellationToken) =>
        WithProgressAsync(session, Markup.Escape($"downloading {path}"), task =>
        {
            task.MaxValue = Math.Max(1, summary.TextBytes);
            return TextDownload.RunAsync(session.Client, summary, path, bytes => task.Value = bytes, cancellationToken);
        }, new ProgressBarColumn(), new DownloadedColumn(), new TransferSpeedColumn(), new RemainingTimeColumn());

    /// <summary>Runs <paramref name="work"/> under a progress bar on a terminal; with --json, without one.</summary>
    private static async Task<T> WithProgressAsync<T>(CliSession session, string description, Func<ProgressTask, Task<T>> work, params ProgressColumn[] columns)
    {
        if (session.Json)
        {
            return await work(new ProgressTask(0, description, 1, autoStart: false));
        }

        return await session.Out.Progress()
            .AutoClear(false)
            .Columns([new TaskDescriptionColumn { Alignment = Justify.Left }, .. columns])
            .StartAsync(context => work(context.AddTask(description, maxValue: 1)));
    }
}
