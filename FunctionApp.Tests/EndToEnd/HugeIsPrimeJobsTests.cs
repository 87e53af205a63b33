using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using PrimeFunctions.Tests.Fixtures;

namespace PrimeFunctions.Tests.EndToEnd;

/// <summary>
/// Huge is-prime jobs on a local host in its own process: a terminated test stops using the CPU within seconds and
/// does not start again when the host restarts (<see cref="TerminatedGmpIsPrimeTests"/>,
/// <see cref="TerminatedManagedIsPrimeTests"/>); a second one waits in line while the first runs, and both show where
/// they are in their status (<see cref="IsPrimeQueueTests"/>). Each waits out timeouts for a minute or more, so each
/// is a class, and a collection, of its own and they run side by side.
/// </summary>
public abstract class HugeIsPrimeJobs(AzuriteFixture emulator) : IClassFixture<AzuriteFixture>
{
    // 10^99999 + 9 and + 13: 100 000 digits, no prime factor below 100, so the test runs its whole base-2 power —
    // tens of minutes through GMP, longer in managed code.
    protected static readonly string Huge = "1" + new string('0', 99_994) + "00009";
    protected static readonly string OtherHuge = "1" + new string('0', 99_994) + "00013";

    protected static async Task WaitUntilTerminatedAsync(HttpClient http, string id)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(30); await RuntimeStatusAsync(http, id) != "Terminated"; await Task.Delay(100))
        {
            Assert.True(DateTime.UtcNow < deadline, "not terminated within 30 s");
        }
    }

    private static async Task<string?> RuntimeStatusAsync(HttpClient http, string id) =>
        (await http.GetFromJsonAsync<JsonElement>($"/runtime/webhooks/durabletask/instances/{id}")).GetProperty("runtimeStatus").GetString();

    protected static string Tail(string output) => output.Length > 4000 ? output[^4000..] : output;

    protected string[] Settings(string hub, params string[] more) =>
    [
        $"--AzureWebJobsStorage={emulator.Azurite.ConnectionString}",
        $"--AzureFunctionsJobHost:extensions:durableTask:hubName={hub}",
        "--Primes:IsPrimeStatusPollSeconds=1",
        .. more,
    ];

    protected static async Task<string> StartAsync(HttpClient http, string number)
    {
        var response = await http.PostAsync("/api/isprime", new StringContent(number, Encoding.ASCII, "text/plain"));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    /// <summary>Starts a test and waits until its first progress report: its activity is running.</summary>
    protected static async Task<string> StartTestingAsync(HttpClient http, string number)
    {
        var id = await StartAsync(http, number);
        await new JobClient(http).WaitForProgressAsync(id, p => p.TryGetProperty("done", out var done) && done.GetInt64() > 0, "testing", TimeSpan.FromMinutes(1));
        return id;
    }

    protected static async Task TerminateAsync(HttpClient http, string id) =>
        (await http.PostAsync($"/runtime/webhooks/durabletask/instances/{id}/terminate?reason=test", null)).EnsureSuccessStatusCode();
}

/// <summary>A terminated huge test stops using the CPU within 10 s and does not start again when its host restarts.</summary>
public abstract class TerminatedIsPrimeTests(AzuriteFixture emulator, bool gmp) : HugeIsPrimeJobs(emulator)
{
    // What .NET names the thread of a task started with TaskCreationOptions.LongRunning, cut to Linux's 15 bytes.
    private const string LongRunningTask = ".NET Long Runni";

    [Fact]
    public async Task A_terminated_test_stops_using_the_CPU_within_10_s_and_stays_stopped_after_a_restart()
    {
        var settings = Settings($"IsPrimeStop{(gmp ? "Gmp" : "Managed")}", $"--Primes:IsPrimeUsesGmp={gmp}");
        var port = FreePorts.Next();
        string second;
        bool stoppedBeforeKill;
        using (var host = await LocalHostProcess.StartAsync(port, settings))
        {
            using var http = new HttpClient { BaseAddress = host.BaseAddress };
            var first = await StartTestingAsync(http, Huge);

            // The test runs on a thread of its own, a long-running task's: of those, the one that gains the most CPU
            // while it runs. (Among all threads, a thread-pool thread busy with requests could gain more on a loaded
            // machine, and go on working after the test stopped.) On a shared machine the test may get less than a
            // core; stopped, its thread ends or gains nothing at all.
            var before = ProcessCpu.ByThread(host.Id, LongRunningTask);
            await Task.Delay(TimeSpan.FromSeconds(3));
            var (worker, busy) = ProcessCpu.ByThread(host.Id, LongRunningTask)
                .Select(t => (Thread: t.Key, Gain: t.Value - before.GetValueOrDefault(t.Key)))
                .MaxBy(t => t.Gain);
            Assert.True(busy > TimeSpan.FromSeconds(0.15), $"the test thread gained only {busy.TotalSeconds:F2} s of CPU in 3 s");

            // Timed from when the job's status says Terminated: how soon the durable runtime applies a terminate
            // depends on how busy the machine is; what the activity owes is to stop once it has been applied.
            await TerminateAsync(http, first);
            await WaitUntilTerminatedAsync(http, first);
            await Task.Delay(TimeSpan.FromSeconds(10));
            var at10 = ProcessCpu.ByThread(host.Id, LongRunningTask).GetValueOrDefault(worker);
            await Task.Delay(TimeSpan.FromSeconds(5));
            var at15 = ProcessCpu.ByThread(host.Id, LongRunningTask).GetValueOrDefault(worker);
            Assert.True(
                at15 == TimeSpan.Zero || at15 - at10 <= TimeSpan.FromSeconds(0.02),
                $"the test thread gained {(at15 - at10).TotalSeconds:F2} s of CPU 10-15 s after the job was terminated ({busy.TotalSeconds:F2} s in 3 s before)\n{Tail(host.Output)}");
            Assert.Contains($"{first} is no longer running: its test stopped", host.Output);

            // Terminated — the instance says so — and at once killed, most likely before its test's next status
            // read: then the activity message stays in the queue.
            second = await StartTestingAsync(http, OtherHuge);
            await TerminateAsync(http, second);
            await WaitUntilTerminatedAsync(http, second);

            host.Kill();
            stoppedBeforeKill = host.Output.Contains($"{second} is no longer running", StringComparison.Ordinal);
        }

        // The restarted host receives the activity again once its visibility times out (20 s) and must drop it at
        // once rather than test for another half hour. (If the test saw the termination before the kill, the
        // message is gone and the activity must not run at all.)
        using var restarted = await LocalHostProcess.StartAsync(port, settings);
        if (stoppedBeforeKill)
        {
            await Task.Delay(TimeSpan.FromSeconds(40));
            Assert.DoesNotContain($"'IsPrimeActivity' activity of orchestration ID '{second}' started", restarted.Output);
            return;
        }

        for (var deadline = DateTime.UtcNow.AddSeconds(90); !restarted.Output.Contains($"{second} is no longer running", StringComparison.Ordinal); await Task.Delay(500))
        {
            Assert.True(DateTime.UtcNow < deadline, $"the activity of the terminated job was not delivered again within 90 s\n{Tail(restarted.Output)}");
        }

        Assert.Contains($"{second} is no longer running: its test is not started", restarted.Output);
        Assert.DoesNotContain($"{second} is no longer running: its test stopped", restarted.Output);
    }
}

/// <summary><see cref="TerminatedIsPrimeTests"/> through GMP.</summary>
[LongRunning(90)]
public sealed class TerminatedGmpIsPrimeTests(AzuriteFixture emulator) : TerminatedIsPrimeTests(emulator, gmp: true);

/// <summary><see cref="TerminatedIsPrimeTests"/> in managed code.</summary>
[LongRunning(60)]
public sealed class TerminatedManagedIsPrimeTests(AzuriteFixture emulator) : TerminatedIsPrimeTests(emulator, gmp: false);

/// <summary>A second huge test waits in line while the first runs, and both show where they are in their status.</summary>
public sealed class IsPrimeQueueTests(AzuriteFixture emulator) : HugeIsPrimeJobs(emulator)
{
    [Fact]
    public async Task A_second_huge_test_waits_in_line_and_a_running_one_shows_its_progress()
    {
        using var host = await LocalHostProcess.StartAsync(FreePorts.Next(), Settings("IsPrimeQueue", "--Primes:MaxConcurrentIsPrimeJobs=1"));
        using var http = new HttpClient { BaseAddress = host.BaseAddress };
        var jobs = new JobClient(http);
        var first = await StartTestingAsync(http, Huge);
        var second = await StartAsync(http, OtherHuge);

        await jobs.WaitForProgressAsync(second, p => p.GetProperty("phase").GetString() == "queued" && p.GetProperty("ahead").GetInt32() == 1, "queued behind one", TimeSpan.FromMinutes(1));
        await jobs.WaitForProgressAsync(
            first,
            p => p.TryGetProperty("step", out var step) && step.GetString() == "miller-rabin"
                && p.GetProperty("done").GetInt64() > 0 && p.GetProperty("total").GetInt64() > 300_000
                && p.GetProperty("engine").GetString()!.StartsWith("gmp ", StringComparison.Ordinal),
            "showing the steps of its base-2 power through GMP",
            TimeSpan.FromSeconds(40));
        var stillQueued = await http.GetFromJsonAsync<JsonElement>($"/runtime/webhooks/durabletask/instances/{second}");
        Assert.Equal("queued", stillQueued.GetProperty("customStatus").GetProperty("phase").GetString());

        await TerminateAsync(http, first);
        await jobs.WaitForProgressAsync(second, p => p.GetProperty("phase").GetString() == "testing", "testing once the first left the line", TimeSpan.FromSeconds(30));
        await TerminateAsync(http, second);
    }
}
