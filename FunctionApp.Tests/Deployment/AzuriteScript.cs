using System.Net;
using System.Net.Sockets;
using PrimeFunctions.Tests.Fixtures;

namespace PrimeFunctions.Tests.Deployment;

/// <summary>
/// Drives the repository's azurite.ps1 through the pinned PowerShell tool (`dotnet tool run pwsh`), on three free
/// loopback ports and a temporary data folder, so it never meets the developer's Azurite or another fixture's.
/// </summary>
internal sealed class AzuriteScript : IAsyncDisposable
{
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(3);
    private static readonly Lazy<Task> ToolRestore = new(RestoreToolsAsync);

    public AzuriteScript()
    {
        (BlobPort, QueuePort, TablePort) = (FreePorts.Next(), FreePorts.Next(), FreePorts.Next());
        Location = Directory.CreateTempSubdirectory("azurite-script-").FullName;
    }

    public int BlobPort { get; }
    public int QueuePort { get; }
    public int TablePort { get; }
    public string Location { get; }
    public IEnumerable<int> Ports => [BlobPort, QueuePort, TablePort];

    /// <summary>Runs the script with these switches on this instance's ports and data folder.</summary>
    public async Task<ToolRun> RunAsync(params string[] switches)
    {
        await ToolRestore.Value;
        string[] arguments =
        [
            "tool", "run", "pwsh", "--", "-NoProfile", "-NonInteractive", "-File", Path.Combine(BuildMetadata.RepositoryRoot, "azurite.ps1"),
            "-BlobPort", $"{BlobPort}", "-QueuePort", $"{QueuePort}", "-TablePort", $"{TablePort}", "-Location", Location,
            .. switches,
        ];
        return await ToolRun.RunAsync(ToolRun.DotnetHost, arguments, BuildMetadata.RepositoryRoot, ScriptTimeout);
    }

    /// <summary>The connection string a successful start printed: its last line of output.</summary>
    public static string PrintedConnectionString(ToolRun start) =>
        start.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[^1];

    public static bool AcceptsConnections(int port)
    {
        using var client = new TcpClient();
        try
        {
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await RunAsync("-Stop");
        Directory.Delete(Location, recursive: true);
    }

    private static async Task RestoreToolsAsync()
    {
        var restore = await ToolRun.RunAsync(ToolRun.DotnetHost, ["tool", "restore"], BuildMetadata.RepositoryRoot, ScriptTimeout);
        if (restore.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet tool restore failed: {restore.Transcript}");
        }
    }
}
