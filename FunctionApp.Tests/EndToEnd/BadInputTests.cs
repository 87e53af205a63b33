using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using Azure.Storage.Blobs;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using PrimeFunctions.LocalHost;
using PrimeFunctions.Storage;
using PrimeFunctions.Tests.Fixtures;

namespace PrimeFunctions.Tests.EndToEnd;

/// <summary>
/// Malformed requests get a 4xx problem+json naming the field, and start or store nothing; a failure nobody
/// expected gets a 500 problem+json with a correlation id and nothing of the exception.
/// </summary>
[Collection(Serial.Name)]
public sealed class BadInputTests(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    public static TheoryData<string, string, string> MalformedStarts => new()
    {
        { "application/json", """{"from": -1, "to": 10}""", "from" },
        { "application/json", """{"from": 1, "to": 18446744073709551616}""", "to" },
        { "application/json", """{"from": "1", "to": "99999999999999999999999"}""", "to" },
        { "application/json", """{"from": 10, "to": 5}""", "to" },
        { "application/json", """{"from": 1.5, "to": 10}""", "from" },
        { "application/json", """{"from": 1e3, "to": 10000}""", "from" },
        { "application/json", """{"from": "0x10", "to": 100}""", "from" },
        { "application/json", """{"from": " 1", "to": 100}""", "from" },
        { "application/json", """{"from": "+1", "to": 100}""", "from" },
        { "application/json", """{"from": "١٢", "to": 100}""", "from" },
        { "application/json", """{"from": true, "to": 100}""", "from" },
        { "application/json", """{"from": null, "to": 100}""", "from" },
        { "application/json", """{"from": [1], "to": 100}""", "from" },
        { "application/json", """{"to": 100}""", "from" },
        { "application/json", """{"from": 1}""", "to" },
        { "application/json", """{"from": 1, "to": 2, "step": 3}""", "step" },
        { "application/json", """{"from": 1, "from": 2, "to": 3}""", "from" },
        { "application/json", """[1, 2]""", "body" },
        { "application/json", """{"from": 1, "to": """, "body" },
        { "application/json", "{}", "from" },
        { "text/plain", """{"from": 1, "to": 2}""", "Content-Type" },
        { "application/json", """{"from": 0, "to": 18446744073709551615}""", "to" },
    };

    [Theory]
    [MemberData(nameof(MalformedStarts))]
    public Task A_malformed_start_is_400_naming_the_field_and_starts_nothing(string contentType, string body, string field) =>
        AssertRefusedAsync(() => service.Http.PostAsync("/api/primes", new StringContent(body, Encoding.UTF8, contentType)), field);

    [Theory]
    [InlineData("from=-5&to=10", "from")]
    [InlineData("from=5", "to")]
    [InlineData("from=5&to=10&to=11", "to")]
    [InlineData("from=5&to=abc", "to")]
    [InlineData("from=5&to=10&extra=1", "extra")]
    public Task A_malformed_query_string_is_400_naming_the_field_and_starts_nothing(string query, string field) =>
        AssertRefusedAsync(() => service.Http.PostAsync("/api/primes?" + query, null), field);

    [Fact]
    public Task A_body_over_the_size_limit_is_refused_and_starts_nothing()
    {
        var body = $$"""{"from": 1, "to": 2, "pad": "{{new string('x', RangeRequestLimit + 10)}}"}""";
        return AssertRefusedAsync(() => service.Http.PostAsync("/api/primes", new StringContent(body, Encoding.UTF8, "application/json")), "body");
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=100001", "limit")]
    [InlineData("offset=-1", "offset")]
    [InlineData("format=xml", "format")]
    [InlineData("format=", "format")]
    [InlineData("format=text&offset=3", "format")]
    [InlineData("page=2", "page")]
    public Task Malformed_results_parameters_are_400_naming_the_field_and_change_nothing(string query, string field) =>
        AssertRefusedAsync(() => service.Http.GetAsync("/api/primes/primes-1-2/results?" + query), field);

    // Every other route, and more shapes of a bad start: (method, path and query, content type, body, field named).
    public static TheoryData<string, string, string?, string?, string> MalformedRequests => new()
    {
        { "GET", "/api/isprime/-7", null, null, "n" },
        { "GET", "/api/isprime/+7", null, null, "n" },
        { "GET", "/api/isprime/%207", null, null, "n" },
        { "GET", "/api/isprime/7%20", null, null, "n" },
        { "GET", "/api/isprime/0x1F", null, null, "n" },
        { "GET", "/api/isprime/1e6", null, null, "n" },
        { "GET", "/api/isprime/7.0", null, null, "n" },
        { "GET", "/api/isprime/%D9%A1%D9%A2", null, null, "n" },
        { "GET", "/api/isprime/%EF%BC%97", null, null, "n" },
        { "GET", "/api/isprime/1,000", null, null, "n" },
        { "GET", "/api/isprime/abc", null, null, "n" },
        { "GET", "/api/isprime/7?verbose=true", null, null, "verbose" },
        { "POST", "/api/isprime", "text/plain", "", "n" },
        { "POST", "/api/isprime", "application/json", """{"n": "7"}""", "Content-Type" },
        { "POST", "/api/isprime", "text/plain", "-7", "n" },
        { "POST", "/api/isprime", "text/plain", "7 8", "n" },
        { "POST", "/api/isprime", "text/plain", "7\n\n", "n" },
        { "POST", "/api/isprime", "text/plain", new string('9', 100_001), "n" },
        { "POST", "/api/isprime", "text/plain", new string('9', 200_000), "body" },
        { "POST", "/api/isprime?x=1", "text/plain", "7", "x" },
        { "GET", "/api/primes?status=Bogus", null, null, "status" },
        { "GET", "/api/primes?status=1", null, null, "status" },
        { "GET", "/api/primes?status=ContinuedAsNew", null, null, "status" },
        { "GET", "/api/primes?status=Running,,Completed", null, null, "status" },
        { "GET", "/api/primes?limit=0", null, null, "limit" },
        { "GET", "/api/primes?limit=101", null, null, "limit" },
        { "GET", "/api/primes?limit=-1", null, null, "limit" },
        { "GET", "/api/primes?limit=1e2", null, null, "limit" },
        { "GET", "/api/primes?limit=1&limit=2", null, null, "limit" },
        { "GET", "/api/primes?createdFrom=yesterday", null, null, "createdFrom" },
        { "GET", "/api/primes?createdFrom=2026-13-01", null, null, "createdFrom" },
        { "GET", "/api/primes?createdFrom=2026-11-25&createdTo=2026-11-24", null, null, "createdTo" },
        { "GET", "/api/primes?continuationToken=not-a-token!!", null, null, "continuationToken" },
        { "GET", "/api/primes?continuationToken=" + Convert.ToBase64String("123 primes-9-1"u8).TrimEnd('='), null, null, "continuationToken" },
        { "GET", "/api/primes?page=2", null, null, "page" },
        { "DELETE", "/api/primes/primes-5-1", null, null, "id" },
        { "DELETE", "/api/primes/primes-01-5", null, null, "id" },
        { "DELETE", "/api/primes/primes-1-18446744073709551616", null, null, "id" },
        { "DELETE", "/api/primes/isprime-abc", null, null, "id" },
        { "DELETE", "/api/primes/primes-1-2?force=true", null, null, "force" },
        { "GET", "/api/openapi.json?format=yaml", null, null, "format" },
        { "POST", "/api/primes", "application/json", "", "from" },
        { "POST", "/api/primes", "application/json", """{"from": "1e3", "to": 10}""", "from" },
        { "POST", "/api/primes", "application/json", """{"from": "-0", "to": 10}""", "from" },
        { "POST", "/api/primes", "application/json", "\"from=1&to=2\"", "body" },
        { "POST", "/api/primes", "application/x-www-form-urlencoded", "from=1&to=2", "Content-Type" },
    };

    [Theory]
    [MemberData(nameof(MalformedRequests))]
    public Task A_malformed_request_to_any_route_is_400_naming_the_field_and_changes_nothing(
        string method, string url, string? contentType, string? body, string field) =>
        AssertRefusedAsync(
            () =>
            {
                var request = new HttpRequestMessage(new HttpMethod(method), url);
                if (body is not null)
                {
                    request.Content = new StringContent(body, Encoding.UTF8, contentType!);
                }

                return service.Http.SendAsync(request);
            },
            field);

    [Fact]
    public Task A_json_body_that_is_not_utf8_is_400_naming_the_body() =>
        AssertRefusedAsync(
            () => service.Http.PostAsync("/api/primes", new ByteArrayContent([.. "{\"from\":\""u8, 0xFF, .. "1\",\"to\":\"5\"}"u8])
            {
                Headers = { ContentType = new("application/json") },
            }),
            "body");

    [Fact]
    public async Task Invalid_json_is_described_in_the_services_own_words()
    {
        var response = await service.Http.PostAsync("/api/primes", new StringContent("""{"from": 1, "to": """, Encoding.UTF8, "application/json"));

        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain("LineNumber", text);
        Assert.DoesNotContain("BytePositionInLine", text);
    }

    [Theory]
    [InlineData("/api/primes", "application/json; charset=utf-16", """{"from": 1, "to": 5}""")]
    [InlineData("/api/isprime", "text/plain; charset=iso-8859-1", "7")]
    public async Task A_body_in_a_charset_other_than_utf8_is_415_and_starts_nothing(string url, string contentType, string body)
    {
        var before = await CountStateAsync();
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);

        var response = await service.Http.PostAsync(url, content);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("UTF-8", await response.Content.ReadAsStringAsync());
        Assert.Equal(before, await CountStateAsync());
    }

    [Fact]
    public Task A_continuation_token_the_service_never_gave_is_400() =>
        AssertRefusedAsync(
            () => service.Http.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/runtime/webhooks/durabletask/instances?top=1")
            {
                Headers = { { "x-ms-continuation-token", "garbage!!" } },
            }),
            "x-ms-continuation-token");

    [Fact]
    public async Task A_body_slower_than_the_minimum_data_rate_is_408_problem_and_starts_nothing()
    {
        var before = await CountStateAsync();
        using var socket = new System.Net.Sockets.TcpClient();
        await socket.ConnectAsync(service.BaseAddress.Host, service.BaseAddress.Port);
        var stream = socket.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(
            $"POST /api/primes HTTP/1.1\r\nHost: {service.BaseAddress.Authority}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{{\"from\":1"));

        var answer = await new StreamReader(stream).ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.StartsWith("HTTP/1.1 408", answer);
        Assert.Contains("application/problem+json", answer);
        Assert.Contains("correlationId", answer);
        Assert.Equal(before, await CountStateAsync());
    }

    [Fact]
    public async Task An_unexpected_failure_is_500_problem_details_with_a_correlation_id_and_no_stack_trace()
    {
        // The local host's error handling on a host of its own, so that a route can fail on purpose.
        var address = $"http://127.0.0.1:{FreePorts.Next()}";
        var log = new CapturedLog();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(address);
        builder.Logging.AddProvider(log);
        LocalHostApp.AddProblemResponses(builder.Services);
        await using var app = builder.Build();
        LocalHostApp.UseProblemResponses(app);
        app.MapGet("/api/failing", IResult () => throw new InvalidOperationException("internal detail"));
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(address) };

        var response = await http.GetAsync("/api/failing");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        var correlationId = JsonDocument.Parse(text).RootElement.GetProperty("correlationId").GetString();
        Assert.False(string.IsNullOrWhiteSpace(correlationId), text);
        Assert.DoesNotContain("internal detail", text);
        Assert.DoesNotContain(nameof(InvalidOperationException), text);
        Assert.DoesNotContain(" at ", text);
        Assert.Contains(log.Errors, line => line.Contains(correlationId!, StringComparison.Ordinal));
    }

    /// <summary>Sends a malformed request and holds it to the rule: 400 problem+json naming the field, and no instance or blob appeared.</summary>
    private async Task AssertRefusedAsync(Func<Task<HttpResponseMessage>> send, string field)
    {
        var before = await CountStateAsync();
        using var response = await send();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"no error for '{field}' in {problem}");
        Assert.Equal(before, await CountStateAsync());
    }

    private const int RangeRequestLimit = PrimeFunctions.Api.RangeRequest.MaxBodyBytes;

    private async Task<(int Instances, int Blobs)> CountStateAsync()
    {
        var instances = 0;
        await foreach (var _ in service.Durable.GetAllInstancesAsync(new()))
        {
            instances++;
        }

        var container = service.Storage.Blobs.GetBlobContainerClient(SegmentStore.ContainerName);
        var blobs = 0;
        if (await container.ExistsAsync())
        {
            await foreach (var _ in container.GetBlobsAsync())
            {
                blobs++;
            }
        }

        return (instances, blobs);
    }

    /// <summary>The errors a host logs, as formatted text.</summary>
    private sealed class CapturedLog : ILoggerProvider, ILogger
    {
        public ConcurrentQueue<string> Errors { get; } = new();

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                Errors.Enqueue(formatter(state, exception));
            }
        }

        public void Dispose()
        {
        }
    }
}
