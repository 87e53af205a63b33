using System.Diagnostics;
using System.Net.Sockets;

namespace PrimeFunctions.LocalHost;

/// <summary>
/// Azurite from the repository's pinned npm install (installed with <c>npm ci</c> when missing), listening on
/// loopback only, its data in a folder of the caller's choosing. Disposing it stops it.
/// </summary>
public sealed class AzuriteProcess : IAsyncDisposable
{
    public const string DevelopmentStorage = "UseDevelopmentStorage=true";
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly Process process;

    private AzuriteProcess(Process process, int blobPort, int queuePort, int tablePort)
    {
        this.process = process;
        BlobPort = blobPort;
        QueuePort = queuePort;
        TablePort = tablePort;
    }

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
        var start = new ProcessStartInfo(azurite)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "--blobHost", "127.0.0.1", "--blobPort", blobPort.ToString(),
            "--queueHost", "127.0.0.1", "--queuePort", queuePort.ToString(),
            "--tableHost", "127.0.0.1", "--tablePort", tablePort.ToString(),
            "--location", dataFolder, "--silent", "--skipApiVersionCheck",
        })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {azurite}.");
        var errors = new System.Text.StringBuilder();
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (errors) { errors.AppendLine(e.Data); } } };
        process.OutputDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();

        var azuriteProcess = new AzuriteProcess(process, blobPort, queuePort, tablePort);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!(IsListening(blobPort) && IsListening(queuePort) && IsListening(tablePort)))
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                await azuriteProcess.DisposeAsync();
                lock (errors)
                {
                    throw new InvalidOperationException($"Azurite did not start on ports {blobPort}/{queuePort}/{tablePort}: {errors}");
                }
            }

            await Task.Delay(100, cancellationToken);
        }

        return azuriteProcess;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }

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
        using var install = Process.Start(npm) ?? throw new InvalidOperationException("Could not run npm: install Node.js, then run 'npm ci' in the repository.");
        await install.WaitForExitAsync(cancellationToken);
        if (install.ExitCode != 0 || !File.Exists(bin))
        {
            throw new InvalidOperationException($"'npm ci' failed (exit code {install.ExitCode}); Azurite is not installed at {bin}.");
        }

        return bin;
    }
}
