using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PrimeFunctions.LocalHost;
using PrimeFunctions.Storage;
using PrimeFunctions.Tests.Fixtures;

namespace PrimeFunctions.Tests.EndToEnd;

/// <summary>
/// With storage gone, every route that needs it answers 503 problem+json with Retry-After — an outage, not a bug —
/// and a completed job's results already in memory are still served. A host and an Azurite of its own, since
/// this test stops the emulator.
/// </summary>
[Collection(Outages.Name)]
public sealed class StorageOutageTests
{
    [Fact]
    public async Task With_storage_unreachable_each_route_answers_503_with_retry_after()
    {
        var dataFolder = Path.Combine(Path.GetTempPath(), "primefunctions-tests", Guid.NewGuid().ToString("N"));
        int blob = FreePorts.Next(), queue = FreePorts.Next(), table = FreePorts.Next();
        var azurite = await AzuriteProcess.StartAsync(dataFolder, blob, queue, table);
        var address = new Uri($"http://127.0.0.1:{FreePorts.Next()}");
        var host = await LocalHostApp.CreateAsync(
            [$"--urls={address}", $"--AzureWebJobsStorage={azurite.ConnectionString}", "--Primes:SegmentWidth=3000000", "--Logging:LogLevel:Default=None"]);
        await host.App.StartAsync();
        using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromMinutes(1) };
        await new JobClient(http).RunAsync(90, 900);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/primes/primes-90-900/results?limit=5")).StatusCode);

        await azurite.DisposeAsync();

        foreach (var (method, url) in new[]
        {
            ("POST", "/api/primes?from=91&to=901"),
            // Not the completed job's status: the host may answer that from memory for a second, rightly.
            ("GET", "/runtime/webhooks/durabletask/instances/primes-91-901"),
            ("GET", "/runtime/webhooks/durabletask/instances"),
            ("GET", "/api/primes"),
            ("GET", "/api/primes/primes-91-901/results"),
        })
        {
            var response = await http.SendAsync(new HttpRequestMessage(new HttpMethod(method), url));

            Assert.True(HttpStatusCode.ServiceUnavailable == response.StatusCode, $"{method} {url} answered {response.StatusCode}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.NotNull(response.Headers.RetryAfter?.Delta);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.False(string.IsNullOrEmpty(problem.GetProperty("correlationId").GetString()));
        }

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/primes/primes-90-900/results?offset=5&limit=5")).StatusCode);

        // Storage back before the host stops, so that it can give up its durable partitions (see DurableLeases).
        var back = await AzuriteProcess.StartAsync(dataFolder, blob, queue, table);
        await host.DisposeAsync();
        await DurableLeases.WaitUntilReleasedAsync(StorageAccount.FromConnectionString(back.ConnectionString));
        await back.DisposeAsync();
        try
        {
            Directory.Delete(dataFolder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
