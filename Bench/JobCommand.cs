using System.CommandLine;
using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using PrimeFunctions.CommandLine;

namespace PrimeFunctions.Bench;

/// <summary>
/// `job`: one range job on a running host, timed from its POST to the 200 that carries its summary — by a client
/// that follows <c>Location</c> and waits as long as <c>Retry-After</c> says — and split into phases by the times
/// the orchestration records in its status; next to the engine alone on the same range and thread count, and
/// primesieve printing it, in the same run; with the CPU time the engine took, and the host and storage emulator took
/// during the job (<c>--cpu-of</c>); and, given <c>--storage</c>, the engine alone storing its segments as a job does.
/// Prints one JSON line; fails if the job's count or checksum differs.
/// </summary>
internal static class JobCommand
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static Command Create()
    {
        var url = new Option<string>("--url") { DefaultValueFactory = _ => "http://127.0.0.1:7071", Description = "The running host." };
        var from = new Option<ulong>("--from") { Required = true, CustomParser = RangeArgument.Parser(0), Description = "First integer of the range." };
        var to = new Option<ulong>("--to") { Required = true, CustomParser = RangeArgument.Parser(0), Description = "Last integer of the range (inclusive)." };
        var threads = new Option<int>("--threads") { DefaultValueFactory = _ => Environment.ProcessorCount, Description = "Threads the engine alone sieves on." };
        var width = new Option<ulong>("--segment-width") { DefaultValueFactory = _ => 100_000_000, CustomParser = RangeArgument.Parser(100_000_000), Description = "The host's Primes:SegmentWidth." };
        var skipPrimesieve = new Option<bool>("--skip-primesieve") { Description = "Do not run primesieve (it prints one prime at a time: a minute near 10^10)." };
        var processes = new Option<int[]>("--cpu-of")
        {
            AllowMultipleArgumentsPerToken = true,
            Description = "Ids of processes (the host, the storage emulator) whose CPU time during the job is reported.",
        };
        var storage = new Option<string?>("--storage")
        {
            Description = "A storage connection string: the engine alone also runs storing each segment there (a blob and a row), as a job does.",
        };
        var command = new Command("job", "Time one range job on a running host, by phase, against the engine alone and primesieve.")
        {
            url, from, to, threads, width, skipPrimesieve, processes, storage,
        };
        command.SetAction(async (result, _) =>
        {
            ulong low = result.GetValue(from), high = result.GetValue(to);
            async Task<((long Count, string Sha256) Answer, double Seconds, TimeSpan Cpu)> TimeEngineAsync(SegmentSink? sink)
            {
                await new EnginePipeline(low, low, result.GetValue(width), result.GetValue(threads), sink).RunAsync(); // compiled before it is timed
                var clock = Stopwatch.StartNew();
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                var answer = await new EnginePipeline(low, high, result.GetValue(width), result.GetValue(threads), sink).RunAsync();
                return (answer, clock.Elapsed.TotalSeconds, Process.GetCurrentProcess().TotalProcessorTime - cpu);
            }

            var (engine, engineSeconds, engineCpu) = await TimeEngineAsync(null);
            double? storedSeconds = null;
            if (result.GetValue(storage) is { } connectionString)
            {
                var (stored, seconds, _) = await TimeEngineAsync(await SegmentSink.OpenAsync(connectionString));
                if (stored != engine)
                {
                    throw new InvalidOperationException("The engine gave another answer when it stored its segments.");
                }

                storedSeconds = seconds;
            }

            var others = (result.GetValue(processes) ?? []).Select(Process.GetProcessById).ToArray();

            var primesieve = result.GetValue(skipPrimesieve) ? (null, null) : await PrimesieveAsync(low, high);

            using var http = new HttpClient { BaseAddress = new Uri(result.GetValue(url)!), Timeout = TimeSpan.FromMinutes(10) };
            var othersCpu = others.Select(p => { p.Refresh(); return p.TotalProcessorTime; }).ToArray();
            var job = await RunJobAsync(http, low, high);
            var jobCpu = others.Select((p, i) => { p.Refresh(); return Round((p.TotalProcessorTime - othersCpu[i]).TotalSeconds); }).ToArray();
            var report = new JobReport(
                low.ToString(), high.ToString(), result.GetValue(threads), job.FirstAnswer, job.Count,
                job.Count == engine.Count && job.Sha256 == engine.Sha256 && (primesieve.Sha256 is null || primesieve.Sha256 == engine.Sha256),
                Round(job.Total), Round(job.Queued), Round(job.Sieving), Round(job.Merging), Round(job.Finishing),
                Round(engineSeconds), primesieve.Seconds is { } p ? Round(p) : null, Math.Round(job.Total / engineSeconds, 2),
                Round(engineCpu.TotalSeconds), jobCpu,
                storedSeconds is { } e ? Round(e) : null, storedSeconds is { } f ? Math.Round(job.Total / f, 2) : null);
            Console.WriteLine(JsonSerializer.Serialize(report, Json));
            return report.Verified ? 0 : 1;
        });
        return command;
    }

    private static double Round(double seconds) => Math.Round(seconds, 3);

    /// <summary>`primesieve from to --print`, hashed as it is read; nothing when primesieve is not installed.</summary>
    private static async Task<(double? Seconds, string? Sha256)> PrimesieveAsync(ulong from, ulong to)
    {
        var clock = Stopwatch.StartNew();
        Process process;
        try
        {
            process = Process.Start(new ProcessStartInfo("primesieve", [from.ToString(), to.ToString(), "--print"]) { RedirectStandardOutput = true })!;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return (null, null);
        }

        using (process)
        {
            var sha = await SHA256.HashDataAsync(process.StandardOutput.BaseStream);
            await process.WaitForExitAsync();
            return (clock.Elapsed.TotalSeconds, Convert.ToHexStringLower(sha));
        }
    }

    private static async Task<JobTimes> RunJobAsync(HttpClient http, ulong from, ulong to)
    {
        var posted = DateTime.UtcNow;
        var clock = Stopwatch.StartNew();
        var response = await http.PostAsync($"/api/primes?from={from}&to={to}", null);
        var firstAnswer = (int)response.StatusCode;
        var location = response.Headers.Location;
        while (response.StatusCode == HttpStatusCode.Accepted)
        {
            await Task.Delay(response.Headers.RetryAfter?.Delta ?? throw new InvalidOperationException("A 202 without Retry-After."));
            location = response.Headers.Location ?? location;
            response = await http.GetAsync(location);
        }

        var total = clock.Elapsed.TotalSeconds;
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"The job answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        var answered = posted + clock.Elapsed;
        var output = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("output");
        // A job may answer 200 from its complete manifest a moment before its orchestration records the merge's end.
        JsonElement progress;
        while (!(progress = JsonDocument.Parse(await http.GetStringAsync($"/runtime/webhooks/durabletask/instances/primes-{from}-{to}"))
            .RootElement.GetProperty("customStatus")).TryGetProperty("mergedAt", out var mergedAt) || mergedAt.ValueKind == JsonValueKind.Null)
        {
            await Task.Delay(20);
        }

        DateTime At(string name) => progress.GetProperty(name).GetDateTime().ToUniversalTime();
        DateTime started = At("startedAt"), sieved = At("sievedAt"), merged = At("mergedAt");
        return new JobTimes(
            firstAnswer, output.GetProperty("count").GetInt64(), output.GetProperty("sha256").GetString()!, total,
            (started - posted).TotalSeconds, (sieved - started).TotalSeconds, (merged - sieved).TotalSeconds, (answered - merged).TotalSeconds);
    }

    private sealed record JobTimes(int FirstAnswer, long Count, string Sha256, double Total, double Queued, double Sieving, double Merging, double Finishing);

    private sealed record JobReport(
        string From, string To, int Threads, int FirstAnswer, long Count, bool Verified, double Job, double Queued, double Sieving, double Merging,
        double Finishing, double Engine, double? Primesieve, double Ratio, double EngineCpu, double[] JobCpu,
        double? EngineStored, double? StoredRatio);
}
