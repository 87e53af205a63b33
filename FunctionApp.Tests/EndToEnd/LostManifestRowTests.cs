using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure;
using PrimeFunctions.Storage;
using PrimeFunctions.Tests.Fixtures;

namespace PrimeFunctions.Tests.EndToEnd;

/// <summary>
/// A completed job that lost a row of its manifest is never served short: each answer is 503 with Retry-After until
/// the manifest is repaired, then the right bytes and pages — a page inside the lost part included — and a start of
/// its range answers 200. A host process of its own that a test restarts, so that nothing of the job is in memory
/// when the row goes; checked against a plain sieve.
/// </summary>
[LongRunning(70)]
public sealed class LostManifestRowTests(AzuriteFixture emulator) : IClassFixture<AzuriteFixture>
{
    private const ulong Width = 1_000_000;

    // Seven segments; the fourth part, the one lost, is [4·10^6, 5·10^6).
    private const ulong From = 1_500_001, To = 7_400_000;
    private const string LostRow = "p0000000003";

    private static readonly TimeSpan RepairTimeout = TimeSpan.FromSeconds(60);

    private string[] Settings =>
    [
        $"--AzureWebJobsStorage={emulator.Azurite.ConnectionString}",
        "--AzureFunctionsJobHost:extensions:durableTask:hubName=LostManifestRow",
        $"--Primes:SegmentWidth={Width}",
        "--Primes:RetryAfterSeconds=1",
    ];

    [Fact]
    public async Task Text_and_a_page_in_the_gap_answer_503_until_repaired_then_the_right_primes()
    {
        var id = await CompleteThenLoseARowAsync(From, To);
        var reference = NaivePrimes.PrimesIn(From, To);
        var text = NaivePrimes.Text(reference);
        var inGap = reference.FindIndex(p => p >= 4_200_000);

        using var host = await LocalHostProcess.StartAsync(FreePorts.Next(), Settings);
        using var http = new HttpClient { BaseAddress = host.BaseAddress };
        var page = await UntilRepairedAsync(http, $"/api/primes/{id}/results?offset={inGap}&limit=7");
        Assert.Equal(
            reference.Skip(inGap).Take(7).Select(p => p.ToString()),
            (await page.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("primes").EnumerateArray().Select(p => p.GetString()));

        var whole = await UntilRepairedAsync(http, $"/api/primes/{id}/results?format=text");
        Assert.Equal(text.Length, whole.Content.Headers.ContentLength);
        Assert.Equal(text, await whole.Content.ReadAsByteArrayAsync());
        Assert.Contains(await new JobManifestStore(emulator.Storage).ReadPartsAsync(id), p => p.RowKey == LostRow);
    }

    [Fact]
    public async Task A_start_of_the_range_repairs_it_and_answers_200_with_its_summary()
    {
        const ulong from = 1_000_003, to = 6_999_999;
        var id = await CompleteThenLoseARowAsync(from, to);
        var reference = NaivePrimes.PrimesIn(from, to);

        using var host = await LocalHostProcess.StartAsync(FreePorts.Next(), Settings);
        using var http = new HttpClient { BaseAddress = host.BaseAddress };
        var started = await UntilRepairedAsync(http, $"/api/primes?from={from}&to={to}", HttpMethod.Post);
        Assert.Equal(reference.Count, (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("output").GetProperty("count").GetInt64());

        var (bytes, _) = await new JobClient(http).TextAsync($"/api/primes/{id}/results");
        Assert.Equal(NaivePrimes.Text(reference), bytes);
    }

    /// <summary>Runs the job on a host that is then stopped, and deletes one part row of its manifest.</summary>
    private async Task<string> CompleteThenLoseARowAsync(ulong from, ulong to)
    {
        var id = $"primes-{from}-{to}";
        using (var first = await LocalHostProcess.StartAsync(FreePorts.Next(), Settings))
        {
            using var http = new HttpClient { BaseAddress = first.BaseAddress };
            await new JobClient(http).RunAsync(from, to);
        }

        var table = emulator.Storage.Tables.GetTableClient(JobManifestStore.TableName);
        Assert.Equal((long)(to / Width - from / Width) + 1, (await new JobManifestStore(emulator.Storage).ReadPartsAsync(id)).Count);
        await table.DeleteEntityAsync(id, LostRow, ETag.All);
        return id;
    }

    /// <summary>Asks until the answer is 200; every answer before it must be 503 with Retry-After, never a short or wrong 200.</summary>
    private static async Task<HttpResponseMessage> UntilRepairedAsync(HttpClient http, string url, HttpMethod? method = null)
    {
        for (var deadline = DateTime.UtcNow + RepairTimeout; ; await Task.Delay(500))
        {
            var response = await http.SendAsync(new HttpRequestMessage(method ?? HttpMethod.Get, url));
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return response;
            }

            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.NotNull(response.Headers.RetryAfter?.Delta);
            Assert.True(DateTime.UtcNow < deadline, $"{url} still answered 503 after {RepairTimeout}.");
        }
    }
}
