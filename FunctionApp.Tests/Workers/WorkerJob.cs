using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PrimeFunctions.Tests.Fixtures;

namespace PrimeFunctions.Tests.Workers;

/// <summary>A range job driven over a <see cref="WorkerFleet"/>: started on one worker, its status read from any worker still alive.</summary>
internal sealed class WorkerJob(WorkerFleet fleet, ulong from, ulong to)
{
    public string Id { get; } = $"primes-{from}-{to}";

    public async Task StartOnAsync(int worker)
    {
        using var http = fleet.Http(worker);
        var started = await new JobClient(http).StartAsync(from, to);
        Assert.True(started.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.OK, $"start on worker {worker} answered {started.StatusCode}");
    }

    /// <summary>The job's status from the first worker still alive, or null while it has none.</summary>
    public async Task<JsonElement?> StatusAsync()
    {
        var worker = Enumerable.Range(0, fleet.Count).First(fleet.IsAlive);
        using var http = fleet.Http(worker);
        var response = await http.GetAsync($"/runtime/webhooks/durabletask/instances/{Id}");
        return response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Accepted ? await response.Content.ReadFromJsonAsync<JsonElement>() : null;
    }

    /// <summary>Waits until the status satisfies <paramref name="reached"/>.</summary>
    public async Task<JsonElement> WaitUntilAsync(Func<JsonElement, bool> reached, string what, TimeSpan timeout)
    {
        for (var clock = Stopwatch.StartNew(); ; await Task.Delay(200))
        {
            if (await StatusAsync() is { } status && reached(status))
            {
                return status;
            }

            Assert.True(clock.Elapsed < timeout, $"{Id}: not {what} after {timeout}.\n{fleet.Problems}");
        }
    }

    public Task<JsonElement> CompletedAsync(TimeSpan timeout) =>
        WaitUntilAsync(s => s.GetProperty("runtimeStatus").GetString() is "Completed" or "Failed" or "Terminated", "finished", timeout);

    /// <summary>
    /// Asserts the job completed with the reference count and SHA-256 and the reuse count given, the same in its status
    /// and its summary; returns the summary.
    /// </summary>
    public async Task<JsonElement> AssertCompletedAsync(JsonElement status, long segments, long reused)
    {
        Assert.True(status.GetProperty("runtimeStatus").GetString() == "Completed", $"{Id}: {status}\n{fleet.Problems}");
        var output = status.GetProperty("output");
        Assert.True(output.ValueKind == JsonValueKind.Object, $"{Id} completed without its summary: {status}");
        var (count, sha256) = await PrimeReference.OfAsync(from, to);
        Assert.Equal(count, output.GetProperty("count").GetInt64());
        Assert.Equal(sha256, output.GetProperty("sha256").GetString());
        Assert.Equal(segments, output.GetProperty("segments").GetInt64());
        Assert.Equal(reused, output.GetProperty("segmentsReused").GetInt64());
        if (FinalProgress(status) is { } progress)
        {
            Assert.Equal(reused, progress.GetProperty("segmentsReused").GetInt64());
        }

        return output;
    }

    /// <summary>
    /// The custom status of a finished job, or null where the Azure Storage provider lost it: a message that reaches an
    /// instance whose history says Completed while its instance row does not yet (two workers, one of them stalled)
    /// makes the provider rewrite the row from history, which holds no custom status ("null"). The output survives.
    /// </summary>
    public static JsonElement? FinalProgress(JsonElement status) =>
        status.GetProperty("customStatus") is { ValueKind: JsonValueKind.Object } progress ? progress : null;
}
