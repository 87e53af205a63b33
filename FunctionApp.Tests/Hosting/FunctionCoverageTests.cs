using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PrimeFunctions.LocalHost;
using PrimeFunctions.LocalHost.Triggers;
using PrimeFunctions.Tests.Fixtures;

namespace PrimeFunctions.Tests.Hosting;

/// <summary>
/// Every function the Functions host would load is executed through the local host by a client using the service:
/// a range job through its merge, its results, view, listing and deletion, is-prime at once and as a job, counts
/// (sieved and combinatorial) and an n-th prime, the dashboard, the OpenAPI document, and the retention timer at start-up. A host of its own (its own task hub), so
/// that what it counts is what this test drove, with merge progress read every second and each segment slowed so that
/// the merge of ten segments is watched while it runs.
/// </summary>
public sealed class FunctionCoverageTests(AzuriteFixture emulator) : IClassFixture<AzuriteFixture>
{
    // The smallest prime above 10^20: 21 digits, one more than this host answers at once.
    private const string JobSizedPrime = "100000000000000000039";

    [Fact]
    public async Task Every_function_of_functions_metadata_runs_under_the_local_host()
    {
        var address = new Uri($"http://127.0.0.1:{FreePorts.Next()}");
        await using var host = await LocalHostApp.CreateAsync(
            [
                $"--urls={address}",
                $"--AzureWebJobsStorage={emulator.Azurite.ConnectionString}",
                "--AzureFunctionsJobHost:extensions:durableTask:hubName=FunctionCoverage",
                "--Primes:SegmentWidth=10000000",
                "--Primes:Faults:SegmentDelay=00:00:00.2",
                "--Primes:MergeProgressSeconds=1",
                "--Primes:MaxSyncIsPrimeDigits=20",
                "--Primes:RetryAfterSeconds=1",
                "--Logging:LogLevel:Default=Warning",
            ]);
        await host.App.StartAsync();
        using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromMinutes(2) };
        var jobs = new JobClient(http);

        var output = await jobs.RunAsync(0, 99_999_999);
        var id = output.GetProperty("id").GetString();
        (await http.GetAsync(JobClient.ResultsPath(output) + "?limit=3")).EnsureSuccessStatusCode();
        (await http.GetAsync($"/api/primes/{id}")).EnsureSuccessStatusCode();
        (await http.GetAsync("/api/primes")).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.NoContent, (await http.DeleteAsync($"/api/primes/{id}")).StatusCode);
        (await http.GetAsync("/api/isprime/97")).EnsureSuccessStatusCode();
        var isPrimeJob = await http.PostAsync("/api/isprime", new StringContent(JobSizedPrime, Encoding.ASCII, "text/plain"));
        Assert.Equal(HttpStatusCode.Accepted, isPrimeJob.StatusCode);
        var (_, verdict) = await jobs.FollowAsync(isPrimeJob.Headers.Location!, TimeSpan.FromMinutes(1));
        Assert.True(verdict.GetProperty("output").GetProperty("isPrime").GetBoolean());
        foreach (var counting in new[] { "/api/counts?from=0&to=2000000000", "/api/counts?from=0&to=1000", "/api/nth-prime?n=1000" })
        {
            var started = await http.PostAsync(counting, null);
            if (started.StatusCode == HttpStatusCode.Accepted)
            {
                Assert.Equal(HttpStatusCode.OK, (await jobs.FollowAsync(started.Headers.Location!, TimeSpan.FromMinutes(1))).Response.StatusCode);
            }
        }

        (await http.GetAsync("/api/dashboard")).EnsureSuccessStatusCode();
        (await http.GetAsync("/api/openapi.json")).EnsureSuccessStatusCode();

        var invocations = host.App.Services.GetRequiredService<FunctionInvocations>();
        var functions = FunctionsMetadata.Read().Select(f => f.Name).ToList();
        for (var deadline = DateTime.UtcNow.AddSeconds(30); functions.Any(f => invocations.Count(f) == 0) && DateTime.UtcNow < deadline;)
        {
            await Task.Delay(100);
        }

        Assert.Equal(functions, functions.Where(f => invocations.Count(f) > 0));
    }
}
