using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using PrimeFunctions.Cli;
using PrimeFunctions.Tests.Fixtures;

namespace PrimeFunctions.Tests.Api;

/// <summary>
/// Every route, and the command line's JSON, writes times one way: RFC 3339 in UTC with <c>Z</c> — to the millisecond on
/// the app's routes, and to the second on the built-in durable routes, as the Functions host's own API writes them.
/// </summary>
public sealed partial class TimeFormatTests(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    private const string Id = "primes-7-70000";

    [Fact]
    public async Task Job_list_view_and_durable_status_write_utc_times_with_z()
    {
        var before = DateTimeOffset.UtcNow.AddSeconds(-5);
        await new JobClient(service.Http).RunAsync(7, 70_000);

        var list = await service.Http.GetFromJsonAsync<JsonElement>("/api/primes");
        var view = await service.Http.GetFromJsonAsync<JsonElement>($"/api/primes/{Id}");
        var status = await service.Http.GetFromJsonAsync<JsonElement>($"/runtime/webhooks/durabletask/instances/{Id}?showInput=true");
        var statuses = await service.Http.GetFromJsonAsync<JsonElement>("/runtime/webhooks/durabletask/instances");

        var listed = list.GetProperty("jobs").EnumerateArray().Single(j => j.GetProperty("id").GetString() == Id);
        AssertTimes(listed, "createdTime", "lastUpdatedTime");
        AssertTimes(view.GetProperty("job"), "createdTime", "lastUpdatedTime");
        AssertDurableTimes(status, "createdTime", "lastUpdatedTime");
        AssertTimes(status.GetProperty("input"), "createdAt");
        AssertDurableTimes(statuses.EnumerateArray().Single(s => s.GetProperty("instanceId").GetString() == Id), "createdTime", "lastUpdatedTime");
        Assert.InRange(listed.GetProperty("createdTime").GetDateTimeOffset(), before, DateTimeOffset.UtcNow);
    }

    [Fact]
    public async Task Cli_json_writes_the_service_times_unescaped()
    {
        await new JobClient(service.Http).RunAsync(7, 70_000);
        using var output = new StringWriter();

        var exit = await new PrimesCommandLine(output, TextWriter.Null, terminal: false).InvokeAsync(["list", "--json", "--url", service.BaseAddress.ToString()]);

        Assert.Equal(0, exit);
        Assert.DoesNotContain("\\u002B", output.ToString());
        var job = JsonDocument.Parse(output.ToString()).RootElement.GetProperty("jobs").EnumerateArray().Single(j => j.GetProperty("id").GetString() == Id);
        AssertTimes(job, "createdTime", "lastUpdatedTime");
    }

    [Fact]
    public void Durable_history_writes_utc_milliseconds_and_reads_any_offset()
    {
        var options = PrimeFunctions.Orchestration.DurableJson.Options;
        var time = new DateTimeOffset(2026, 12, 7, 3, 27, 24, 123, TimeSpan.FromHours(1)).AddTicks(4567);

        Assert.Equal("\"2026-12-07T02:27:24.123Z\"", JsonSerializer.Serialize(time, options));
        Assert.Equal("\"2026-12-07T02:27:24.123Z\"", JsonSerializer.Serialize(time.UtcDateTime, options));
        Assert.Equal(time.UtcDateTime.AddTicks(-4567), JsonSerializer.Deserialize<DateTimeOffset>("\"2026-12-07T03:27:24.123+01:00\"", options));
        Assert.Equal(DateTimeKind.Utc, JsonSerializer.Deserialize<DateTime>("\"2026-12-07T02:27:24Z\"", options).Kind);
    }

    private static void AssertTimes(JsonElement body, params string[] names)
    {
        foreach (var name in names)
        {
            var text = body.GetProperty(name).GetString()!;
            Assert.Matches(Rfc3339Utc(), text);
        }
    }

    private static void AssertDurableTimes(JsonElement body, params string[] names)
    {
        foreach (var name in names)
        {
            Assert.Matches(Rfc3339UtcSeconds(), body.GetProperty(name).GetString()!);
        }
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$")]
    private static partial Regex Rfc3339Utc();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")]
    private static partial Regex Rfc3339UtcSeconds();
}
