using System.Diagnostics;
using System.Net.Sockets;

namespace PrimeFunctions.LocalHost;

/// <summary>
/// Azurite from the repository's pinned npm install (installed with <c>npm ci</c> when missing), listening on
/// loopback only, its data in a folder of the caller's choosing. Disposing it stops it gracefully.
/// </summary>
/// <remarks>
/// Azurite keeps its metadata in memory and saves it when asked to stop: killed outright it loses writes it had
/// already acknowledged (catalog rows without their blobs, a job's progress). So it runs in a process group of its
/// own — a terminal's Ctrl-C reaches only the host, which stops Azurite after its own work — and it is stopped with
/// SIGTERM, waiting until each of its three services says it has closed (it may keep running afterwards while
/// clients hold connections open; by then everything is saved).
/// </remarks>
public sealed class AzuriteProcess : IAsyncDisposable
{
    public const string DevelopmentStorage = "UseDevelopmentStorage=true";
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static readonly TimeSpan StopWait = TimeSpan.FromSeconds(30);

    private readonly Process process;
    private readonly TaskCompletionSource saved = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int servicesClosed;

    private AzuriteProcess(Process process, int blobPort, int queuePort, int tablePort)
    {
        this.process = process;
        BlobPort = blobPort;
        QueuePort = queuePort;
        TablePort = tablePort;
    }

    /// <summary>The emulator's process id, which is also its process group's (it runs under setsid).</summary>
    public int ProcessId => process.Id;

    public int BlobPort { get; }
    public int QueuePort { get; }
    public int TablePort { get; }

    public string ConnectionString =>
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
        $"AccountKey={AccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{BlobPort}/devstoreaccount1;" +
        $"QueueEndpoint=http://127.0.0.1:{QueuePort}/devstoreaccount1;" +
        $"TableEndpoint=http://127.0.0.1:{TablePort}/devstoreaccount1;";

    /// <summary>True when something already answers on the port (an Azurite the user started, say).</summary>
    public static bool IsListening(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect("127.0.0.1", port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public static async Task<AzuriteProcess> StartAsync(
        string dataFolder, int blobPort = 10000, int queuePort = 10001, int tablePort = 10002, CancellationToken cancellationToken = default)
    {
        var azurite = await EnsureInstalledAsync(cancellationToken);
        Directory.CreateDirectory(dataFolder);
        // setsid gives Azurite a process group of its own, out of reach of the terminal's Ctrl-C.
        var detached = !OperatingSystem.IsWindows() && File.Exists(SetSid);
        var start = new ProcessStartInfo(detached ? SetSid : azurite)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (detached)
        {
            start.ArgumentList.Add(azurite);
        }

        foreach (var argument in new[]
        {
            "--blobHost", "127.0.0.1", "--blobPort", blobPort.ToString(),
            "--queueHost", "127.0.0.1", "--queuePort", queuePort.ToString(),
            "--tableHost", "127.0.0.1", "--tablePort", tablePort.ToString(),
            "--location", dataFolder, "--silent", "--skipApiVersionCheck", "--disableTelemetry",
        })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {azurite}.");
        var azuriteProcess = new AzuriteProcess(process, blobPort, queuePort, tablePort);
        var errors = new System.Text.StringBuilder();
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (errors) { errors.AppendLine(e.Data); } } };
        process.OutputDataReceived += (_, e) => azuriteProcess.Observe(e.Data);
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();

        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!(IsListening(blobPort) && IsListening(queuePort) && IsListening(tablePort)))
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                await azuriteProcess.DisposeAsync();
                lock (errors)
                {
                    throw new StartupProblem($"Azurite did not start on ports {blobPort}/{queuePort}/{tablePort}: {errors}");
                }
            }

            await Task.Delay(100, cancellationToken);
        }

        return azuriteProcess;
    }

    private const string SetSid = "/usr/bin/setsid";
    private const int SigTerm = 15;

    // Each service prints "Azurite <Blob|Queue|Table> service successfully closed" once it has saved and closed.
    private void Observe(string? line)
    {
        if (line?.Contains("service successfully closed", StringComparison.Ordinal) == true && Interlocked.Increment(ref servicesClosed) == 3)
        {
            saved.TrySetResult();
        }
    }

    /// <summary>Stops Azurite so that it keeps every write it acknowledged; kills it only if it has not saved within 30 s.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            if (!OperatingSystem.IsWindows() && Kill(process.Id, SigTerm) == 0)
            {
                await Task.WhenAny(process.WaitForExitAsync(), saved.Task, Task.Delay(StopWait));
            }

            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }

        process.Dispose();
    }

    /// <summary>Kills Azurite at once, as a crash or a pulled plug would: what it had not saved is lost.</summary>
    public void KillOutright()
    {
        process.Kill(entireProcessTree: true);
        process.WaitForExit();
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    private static async Task<string> EnsureInstalledAsync(CancellationToken cancellationToken)
    {
        var bin = Path.Combine(RepositoryLayout.Root, "node_modules", ".bin", OperatingSystem.IsWindows() ? "azurite.cmd" : "azurite");
        if (File.Exists(bin))
        {
            return bin;
        }

        var npm = new ProcessStartInfo(OperatingSystem.IsWindows() ? "npm.cmd" : "npm")
        {
            WorkingDirectory = RepositoryLayout.Root,
            UseShellExecute = false,
        };
        npm.ArgumentList.Add("ci");
        npm.ArgumentList.Add("--no-audit");
        npm.ArgumentList.Add("--no-fund");
        npm.ArgumentList.Add("--loglevel=error");
        Console.WriteLine("Installing the pinned Azurite from npm (npm ci; about a minute, once) ...");
        using var install = Process.Start(npm) ?? throw new StartupProblem("Could not run npm: install Node.js, then run 'npm ci' in the repository.");
        await install.WaitForExitAsync(cancellationToken);
        if (install.ExitCode != 0 || !File.Exists(bin))
        {
            throw new StartupProblem($"'npm ci' failed (exit code {install.ExitCode}); Azurite is not installed at {bin}.");
        }

        return bin;
    }
}
