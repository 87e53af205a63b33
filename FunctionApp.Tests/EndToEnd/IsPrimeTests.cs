using System.Net;
using System.Net.Http.Json;
using System.Numerics;
using System.Text;
using System.Text.Json;
using PrimeFunctions.Tests.Fixtures;

namespace PrimeFunctions.Tests.EndToEnd;

/// <summary>Is-prime over real HTTP through the local host: at once for short numbers, as a job for long ones.</summary>
[Collection(SharedService.Name)]
public sealed class IsPrimeTests(ServiceFixture service)
{
    // 2^9689 − 1 is a Mersenne prime of 2917 digits: past the default 2000 digits answered at once.
    private static readonly string LongPrime = ((BigInteger.One << 9689) - 1).ToString();

    [Theory]
    [InlineData("2", true, "proven", "deterministic-miller-rabin")]
    [InlineData("0097", true, "proven", "deterministic-miller-rabin")]
    [InlineData("18446744073709551557", true, "proven", "deterministic-miller-rabin")]
    [InlineData("18446744073709551615", false, "proven", "deterministic-miller-rabin")]
    [InlineData("18446744073709551629", true, "probable", "baillie-psw")]
    [InlineData("18446744073709551631", false, "probable", "baillie-psw")]
    public async Task A_short_number_is_answered_at_once(string n, bool isPrime, string certainty, string method)
    {
        var response = await service.Http.GetAsync($"/api/isprime/{n}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(n.TrimStart('0'), body.GetProperty("n").GetString());
        Assert.Equal(isPrime, body.GetProperty("isPrime").GetBoolean());
        Assert.Equal(certainty, body.GetProperty("certainty").GetString());
        Assert.Equal(method, body.GetProperty("method").GetString());
    }

    [Fact]
    public async Task A_long_number_runs_as_one_job_and_is_then_answered_from_its_output()
    {
        var first = await service.Http.GetAsync($"/api/isprime/{LongPrime}");
        var second = await service.Http.PostAsync("/api/isprime", new StringContent(LongPrime + "\n", Encoding.ASCII, "text/plain"));

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.True(second.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.OK, $"second ask answered {second.StatusCode}");
        Assert.NotNull(first.Headers.RetryAfter);
        var job = await first.Content.ReadFromJsonAsync<JsonElement>();
        var id = job.GetProperty("id").GetString()!;
        Assert.StartsWith("isprime-", id);
        Assert.Equal(first.Headers.Location!.ToString(), job.GetProperty("statusQueryGetUri").GetString());
        if (second.StatusCode == HttpStatusCode.Accepted)
        {
            Assert.Equal(id, (await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString());
        }

        var (status, body) = await new JobClient(service.Http).FollowAsync(first.Headers.Location!, TimeSpan.FromMinutes(2));
        Assert.Equal(HttpStatusCode.OK, status.StatusCode);
        Assert.True(body.GetProperty("output").GetProperty("isPrime").GetBoolean());

        var again = await service.Http.GetAsync($"/api/isprime/{LongPrime}");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var answer = await again.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(LongPrime, answer.GetProperty("n").GetString());
        Assert.True(answer.GetProperty("isPrime").GetBoolean());
        Assert.Equal("probable", answer.GetProperty("certainty").GetString());
        Assert.Equal("baillie-psw", answer.GetProperty("method").GetString());

        var instances = 0;
        await foreach (var _ in service.Durable.GetAllInstancesAsync(new() { InstanceIdPrefix = id }))
        {
            instances++;
        }

        Assert.Equal(1, instances);
    }

    [Fact]
    public async Task A_short_number_in_a_text_body_is_answered_at_once()
    {
        var response = await service.Http.PostAsync("/api/isprime", new StringContent("561\r\n", Encoding.ASCII, "text/plain"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("561", body.GetProperty("n").GetString());
        Assert.False(body.GetProperty("isPrime").GetBoolean());
    }
}
