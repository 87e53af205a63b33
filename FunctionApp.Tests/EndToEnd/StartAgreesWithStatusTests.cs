using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PrimeFunctions.Tests.Fixtures;

namespace PrimeFunctions.Tests.EndToEnd;

/// <summary>
/// Two answers about one job agree: once a start has answered 200 Completed, the job's status URL says Completed too.
/// A small job's merge writes its summary a moment before its orchestration completes, which is when a start that
/// trusted the summary alone answered 200 while the status URL still said 202 Running.
/// </summary>
public sealed class StartAgreesWithStatusTests(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    [Fact]
    public async Task A_start_answered_200_is_completed_at_its_status_url_too()
    {
        var answered200 = 0;
        for (ulong i = 0; i < 8; i++)
        {
            var (from, to) = (7_000_000_000 + i * 1000, 7_000_000_000 + i * 1000 + 500);
            var started = await service.Http.PostAsJsonAsync("/api/primes", new { from, to });
            var body = await started.Content.ReadFromJsonAsync<JsonElement>();
            if (started.StatusCode != HttpStatusCode.OK)
            {
                Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
                continue;
            }

            answered200++;
            Assert.False(body.GetProperty("completedBefore").GetBoolean());
            var status = await service.Http.GetAsync(body.GetProperty("statusQueryGetUri").GetString());
            Assert.Equal(HttpStatusCode.OK, status.StatusCode);
            Assert.Equal("Completed", (await status.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("runtimeStatus").GetString());
            Assert.Equal(NaivePrimes.PrimesIn(from, to).Count, body.GetProperty("output").GetProperty("count").GetInt64());
        }

        // Small fresh jobs complete within the start's wait: the check above must have run.
        Assert.True(answered200 > 0, "no start answered 200 within Primes:StartWait");
    }
}
