using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Spectre.Console;

namespace PrimeFunctions.Cli;

/// <summary>The commands about jobs that already exist: status, list, page, delete and verify.</summary>
internal static class JobCommands
{
    public static IEnumerable<(Command, CommandRun)> Create()
    {
        var id = new Argument<string>("id") { Description = "Job id, e.g. primes-0-1000000000." };

        var status = new Command("status", "Show a job: status, progress, summary.") { id };
        yield return (status, async (session, result, cancellationToken) =>
        {
            var view = await session.Client.GetJobAsync(result.GetValue(id)!, cancellationToken);
            if (session.Json)
            {
                Report.Json(session, view);
                return 0;
            }

            Describe(session, view.GetProperty("job"));
            if (view.GetProperty("output") is { ValueKind: JsonValueKind.Object } output)
            {
                var summary = WireBody.Summary(output);
                session.Out.MarkupLineInterpolated($"{summary.Count} primes, first {summary.First?.ToString(CultureInfo.InvariantCulture) ?? "-"}, last {summary.Last?.ToString(CultureInfo.InvariantCulture) ?? "-"}, sum {summary.Sum}");
                session.Out.MarkupLineInterpolated($"text {summary.TextBytes} bytes, SHA-256 {summary.Sha256}");
            }

            return 0;
        }
        );

        var statusFilter = new Option<string?>("--status") { Description = "Only these runtime statuses, comma-separated (Running,Completed,Failed,...)." };
        var list = new Command("list", "List the 20 newest jobs.") { statusFilter };
        yield return (list, async (session, result, cancellationToken) =>
        {
            var jobs = await session.Client.ListAsync(result.GetValue(statusFilter), cancellationToken);
            if (session.Json)
            {
                Report.Json(session, jobs);
                return 0;
            }

            var table = new FittedTable(("id", false), ("status", false), ("progress", false), ("duration", true), ("reused", true), ("created", true));
            foreach (var job in jobs.GetProperty("jobs").EnumerateArray())
            {
                var progress = job.TryGetProperty("progress", out var custom) ? WireBody.Progress(custom) : null;
                table.Add(
                    job.GetProperty("id").GetString()!,
                    job.GetProperty("runtimeStatus").GetString()!,
                    progress is not null ? $"{progress.SegmentsDone}/{progress.SegmentsTotal}"
                    : job.TryGetProperty("countProgress", out var counting) ? $"{counting.GetProperty("intervalsDone")}/{counting.GetProperty("intervalsTotal")}"
                    : "",
                    Duration(job),
                    progress?.SegmentsReused.ToString(CultureInfo.InvariantCulture) ?? "",
                    UtcTimeJsonConverter.Write(job.GetProperty("createdTime").GetDateTimeOffset()));
            }

            var writer = session.Out.Profile.Out.Writer;
            foreach (var line in table.Lines(session.Out.Profile.Width - 1, session.Out.Profile.Capabilities.Unicode))
            {
                writer.WriteLine(line);
            }

            return 0;
        }
        );

        var offset = new Option<long>("--offset") { Description = "Index of the first prime (from 0).", DefaultValueFactory = _ => 0 };
        var limit = new Option<int>("--limit") { Description = "How many primes.", DefaultValueFactory = _ => 100 };
        var page = new Command("page", "Print a page of a completed job's primes.") { id, offset, limit };
        yield return (page, async (session, result, cancellationToken) =>
        {
            var primes = await session.Client.PageAsync(result.GetValue(id)!, result.GetValue(offset), result.GetValue(limit), cancellationToken);
            if (session.Json)
            {
                Report.Json(session, primes);
                return 0;
            }

            var writer = session.Out.Profile.Out.Writer;
            foreach (var prime in primes.GetProperty("primes").EnumerateArray())
            {
                writer.WriteLine(prime.GetString());
            }

            return 0;
        }
        );

        var delete = new Command("delete", "Stop a job if it runs and remove it (its segments stay cached).") { id };
        yield return (delete, async (session, result, cancellationToken) =>
        {
            await session.Client.DeleteAsync(result.GetValue(id)!, cancellationToken);
            if (session.Json)
            {
                Report.Json(session, new DeletedJob(result.GetValue(id)!, Deleted: true));
            }
            else
            {
                session.Out.MarkupLineInterpolated($"deleted {result.GetValue(id)}");
            }

            return 0;
        }
        );

        var file = new Argument<string>("file") { Description = "A file holding the job's text, one prime per line." };
        var verify = new Command("verify", "Check a file against a completed job's SHA-256.") { id, file };
        yield return (verify, async (session, result, cancellationToken) =>
        {
            var view = await session.Client.GetJobAsync(result.GetValue(id)!, cancellationToken);
            if (view.GetProperty("output") is not { ValueKind: JsonValueKind.Object } output)
            {
                throw new PrimesApiException($"Job {result.GetValue(id)} has not completed: it has no checksum yet.");
            }

            var summary = WireBody.Summary(output);
            var path = result.GetValue(file)!;
            var sha256 = await TextDownload.HashAsync(path, cancellationToken);
            Report.Summary(session, summary, path, sha256);
            return sha256 == summary.Sha256 ? 0 : 1;
        }
        );
    }

    private static void Describe(CliSession session, JsonElement job)
    {
        var progress = job.TryGetProperty("progress", out var custom) ? WireBody.Progress(custom) : null;
        session.Out.MarkupLineInterpolated($"[bold]{job.GetProperty("id").GetString()}[/]: {job.GetProperty("runtimeStatus").GetString()}");
        if (progress is not null)
        {
            session.Out.MarkupLineInterpolated(
                $"{WireBody.Name(progress.Phase)}: {progress.SegmentsDone}/{progress.SegmentsTotal} segments ({progress.SegmentsReused} reused), {progress.PrimesSoFar} primes so far");
        }

        session.Out.MarkupLineInterpolated($"created {UtcTimeJsonConverter.Write(job.GetProperty("createdTime").GetDateTimeOffset())}, took {Duration(job)}");
    }

    private static string Duration(JsonElement job) =>
        (job.GetProperty("lastUpdatedTime").GetDateTimeOffset() - job.GetProperty("createdTime").GetDateTimeOffset()).TotalSeconds.ToString("0.0 s", CultureInfo.InvariantCulture);
}
