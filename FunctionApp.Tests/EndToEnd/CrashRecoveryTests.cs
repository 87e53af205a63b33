using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs.Models;
using PrimeFunctions.Storage;
using PrimeFunctions.Tests.Fixtures;

namespace PrimeFunctions.Tests.EndToEnd;

/// <summary>A host killed in the middle of a job: on restart the job resumes and finishes, and no segment finished before the kill is sieved again.</summary>
[LongRunning(80)]
public sealed class CrashRecoveryTests(AzuriteFixture emulator) : IClassFixture<AzuriteFixture>
{
    private const ulong Width = 1_000_000;
    private const ulong To = 32_000_000 - 1;

    [Fact]
    public async Task A_killed_host_resumes_its_job_on_restart_without_sieving_finished_segments_again()
    {
        string[] settings =
        [
            $"--AzureWebJobsStorage={emulator.Azurite.ConnectionString}",
            "--AzureFunctionsJobHost:extensions:durableTask:hubName=CrashRecovery",
            $"--Primes:SegmentWidth={Width}",
            "--Primes:MaxTasksPerOrchestration=3",
            // One slowed segment a task, so that progress is seen segment by segment and the kill lands mid-sieve
            // however fast the machine sieves (a million numbers take milliseconds).
            "--Primes:SegmentsPerTask=1",
            "--Primes:Faults:SegmentDelay=00:00:00.5",
            "--Primes:RetryAfterSeconds=1",
        ];
        var port = FreePorts.Next();
        Dictionary<string, ETag> sievedBeforeKill;
        using (var first = await LocalHostProcess.StartAsync(port, settings))
        {
            using var http = new HttpClient { BaseAddress = first.BaseAddress };
            var started = await new JobClient(http).StartAsync(0, To);
            started.EnsureSuccessStatusCode();
            await new JobClient(http).WaitForSegmentsAsync($"primes-0-{To}", 4);
            first.Kill();

            // A segment is finished once its catalog row exists; a blob without one may be rewritten, and rightly.
            var catalogued = await CataloguedBlobsAsync();
            sievedBeforeKill = (await SegmentBlobsAsync()).Where(b => catalogued.Contains(b.Key)).ToDictionary();
        }

        Assert.InRange(sievedBeforeKill.Count, 4, 31);
        var restartedAt = Stopwatch.StartNew();
        using var second = await LocalHostProcess.StartAsync(port, settings);
        using var client = new HttpClient { BaseAddress = second.BaseAddress };
        JsonElement body;
        try
        {
            (_, body) = await new JobClient(client).FollowAsync(
                new Uri(second.BaseAddress, $"/runtime/webhooks/durabletask/instances/primes-0-{To}"), TimeSpan.FromSeconds(180));
        }
        catch (Xunit.Sdk.XunitException e)
        {
            throw new Xunit.Sdk.XunitException($"{e.Message}\nThe restarted host's warnings and errors:\n{second.Problems}");
        }

        Assert.Equal("Completed", body.GetProperty("runtimeStatus").GetString());
        Assert.Equal(NaivePrimes.PrimesIn(0, To).Count, body.GetProperty("output").GetProperty("count").GetInt64());
        var after = await SegmentBlobsAsync();
        Assert.All(sievedBeforeKill, blob => Assert.Equal(blob.Value, after[blob.Key]));
        // On 2 cores the whole test takes about 50 s alone and 70-80 s beside the other classes, most of it waiting for
        // the dead host's partition leases and messages to expire. Work held until an activity's 10-minute timeout
        // would take far longer than this bound.
        Assert.True(restartedAt.Elapsed < TimeSpan.FromSeconds(120), $"resumed and finished only after {restartedAt.Elapsed}");
    }

    private async Task<HashSet<string>> CataloguedBlobsAsync()
    {
        var names = new HashSet<string>();
        await foreach (var row in emulator.Storage.Tables.GetTableClient(SegmentStore.TableName)
            .QueryAsync<SegmentRecord>(r => r.PartitionKey == SegmentRecord.PartitionFor(Width)))
        {
            names.Add(row.BlobName);
        }

        return names;
    }

    private async Task<Dictionary<string, ETag>> SegmentBlobsAsync()
    {
        var blobs = new Dictionary<string, ETag>();
        var container = emulator.Storage.Blobs.GetBlobContainerClient(SegmentStore.ContainerName);
        await foreach (var blob in container.GetBlobsAsync(BlobTraits.None, BlobStates.None, $"w{Width}/", default))
        {
            blobs[blob.Name] = blob.Properties.ETag!.Value;
        }

        return blobs;
    }
}
