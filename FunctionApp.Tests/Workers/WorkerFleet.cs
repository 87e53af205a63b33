using System.Text.RegularExpressions;
using PrimeFunctions.LocalHost;
using PrimeFunctions.Tests.Fixtures;

namespace PrimeFunctions.Tests.Workers;

/// <summary>
/// Several LocalHost processes on one Azurite and one task hub — what Azure does when it scales the app out — each on
/// its own port, each optionally started under a launcher such as <c>faketime</c> so that its clock differs. A fleet
/// has an Azurite of its own, so what one test stores cannot change another's reuse counts.
/// </summary>
internal sealed partial class WorkerFleet : IAsyncDisposable
{
    private readonly AzuriteProcess azurite;
    private readonly string dataFolder;
    private readonly LocalHostProcess?[] workers;

    private WorkerFleet(AzuriteProcess azurite, string dataFolder, LocalHostProcess[] workers)
    {
        this.azurite = azurite;
        this.dataFolder = dataFolder;
        this.workers = workers;
    }

    /// <summary>Starts one worker per entry of <paramref name="launchers"/> (empty: started directly), all with <paramref name="settings"/>.</summary>
    public static async Task<WorkerFleet> StartAsync(IReadOnlyList<string[]> launchers, params string[] settings)
    {
        var dataFolder = ScratchFolders.New();
        var azurite = await AzuriteProcess.StartAsync(dataFolder, FreePorts.Next(), FreePorts.Next(), FreePorts.Next());
        string[] shared =
        [
            $"--AzureWebJobsStorage={azurite.ConnectionString}",
            "--AzureFunctionsJobHost:extensions:durableTask:hubName=Workers",
            // An idle worker looks at the queues every second (host.json: 5 s), so work reaches every worker soon.
            "--AzureFunctionsJobHost:extensions:durableTask:storageProvider:maxQueuePollingInterval=00:00:01",
            "--Primes:RetryAfterSeconds=1",
            "--Logging:LogLevel:Default=Warning",
            "--Logging:LogLevel:PrimeFunctions.Orchestration.SieveSegmentActivity=Debug",
            "--Logging:LogLevel:PrimeFunctions.Orchestration.MergeJobActivity=Information",
            .. settings,
        ];
        var started = new List<LocalHostProcess>();
        foreach (var launcher in launchers)
        {
            started.Add(await LocalHostProcess.StartAsync(launcher, FreePorts.Next(), shared));
        }

        return new WorkerFleet(azurite, dataFolder, [.. started]);
    }

    public int Count => workers.Length;

    /// <summary>The fleet's storage account, for a test that looks at what the workers stored.</summary>
    public PrimeFunctions.Storage.StorageAccount Storage => PrimeFunctions.Storage.StorageAccount.FromConnectionString(azurite.ConnectionString);

    public HttpClient Http(int worker) => new() { BaseAddress = Worker(worker).BaseAddress, Timeout = TimeSpan.FromMinutes(5) };

    public string Output(int worker) => Worker(worker).Output;

    /// <summary>Which workers still running have sieved or reused a segment of <paramref name="jobId"/>, by their logs.</summary>
    public IReadOnlyList<int> SettledSegmentsOf(string jobId) =>
        [.. Enumerable.Range(0, Count).Where(w => workers[w] is { } host && host.Output.Contains($" of {jobId}: ", StringComparison.Ordinal))];

    /// <summary>The worker that logged the start of <paramref name="jobId"/>'s merge, or null while none has.</summary>
    public int? MergingWorker(string jobId) =>
        Enumerable.Range(0, Count).Where(w => workers[w] is { } host && host.Output.Contains($"Merging job {jobId}.", StringComparison.Ordinal))
            .Select(w => (int?)w).FirstOrDefault();

    public bool IsAlive(int worker) => workers[worker] is not null;

    public void Signal(int worker, string signal) => Worker(worker).Signal(signal);

    /// <summary>Ends a worker at once, as <c>kill -9</c> would.</summary>
    public void Kill(int worker)
    {
        Worker(worker).Dispose();
        workers[worker] = null;
    }

    /// <summary>Every worker's warnings and errors: what to read when a test fails.</summary>
    public string Problems => string.Join("\n", Enumerable.Range(0, Count).Where(IsAlive).Select(w => $"--- worker {w}:\n{workers[w]!.Problems}"));

    public async ValueTask DisposeAsync()
    {
        foreach (var worker in workers)
        {
            worker?.Dispose();
        }

        await azurite.DisposeAsync();
        ScratchFolders.TryDelete(dataFolder);
    }

    private LocalHostProcess Worker(int worker) => workers[worker] ?? throw new InvalidOperationException($"Worker {worker} was killed.");
}
