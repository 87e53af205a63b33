using System.Text.Json;
using PrimeFunctions.LocalHost;

namespace PrimeFunctions.Tests.Fixtures;

/// <summary>A local host process on a task hub of a test's own, and a client for it, disposed together.</summary>
internal sealed class HostUnderTest(LocalHostProcess process) : IDisposable
{
    public LocalHostProcess Process { get; } = process;
    public HttpClient Http { get; } = new() { BaseAddress = process.BaseAddress, Timeout = TimeSpan.FromMinutes(2) };

    public static async Task<HostUnderTest> StartAsync(AzuriteProcess azurite, string hub, params string[] settings) =>
        new(await LocalHostProcess.StartAsync(FreePorts.Next(), Settings(azurite, [$"--AzureFunctionsJobHost:extensions:durableTask:hubName={hub}", .. settings])));

    /// <summary>A host's command line on <paramref name="azurite"/>, polled every second, with <paramref name="settings"/> last.</summary>
    public static string[] Settings(AzuriteProcess azurite, params string[] settings) =>
        [$"--AzureWebJobsStorage={azurite.ConnectionString}", "--Primes:RetryAfterSeconds=1", .. settings];

    /// <summary>Follows a job's status URL for up to two minutes; on a time-out, says what the host logged at warning or worse.</summary>
    public static async Task<(HttpResponseMessage Response, JsonElement Body)> FollowWithLogAsync(LocalHostProcess host, HttpClient http, string id)
    {
        try
        {
            return await new JobClient(http).FollowAsync(new Uri(http.BaseAddress!, $"/runtime/webhooks/durabletask/instances/{id}"), TimeSpan.FromMinutes(2));
        }
        catch (Xunit.Sdk.XunitException e)
        {
            throw new Xunit.Sdk.XunitException($"{e.Message}\nThe host's warnings and errors:\n{host.Problems}");
        }
    }

    public void Dispose()
    {
        Http.Dispose();
        Process.Dispose();
    }
}
