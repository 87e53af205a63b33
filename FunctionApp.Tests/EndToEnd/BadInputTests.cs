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
/// Through the host: a malformed request to each route gets a 4xx problem+json naming the field, and starts or stores
/// nothing; a body slower than the minimum data rate gets a 408; a failure nobody expected gets a 500 problem+json
/// with a correlation id and nothing of the exception.
/// </summary>
public sealed class BadInputTests(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    // One malformed request per /api route, through the host's routing and body reading; the rules themselves are
    // specified on the handlers (App.Tests BadInputTests). (method, path and query, content type, body, field named)
    public static TheoryData<string, string, string?, string?, string> OneMalformedRequestPerRoute => new()
    {
        { "POST", "/api/primes", "application/json", """{"from": -1, "to": 10}""", "from" },
        { "POST", "/api/primes?from=5&to=abc", null, null, "to" },
        { "GET", "/api/primes?status=Bogus", null, null, "status" },
        { "GET", "/api/primes/primes-5-1", null, null, "id" },
        { "DELETE", "/api/primes/primes-5-1", null, null, "id" },
        { "GET", "/api/primes/primes-1-2/results?limit=0", null, null, "limit" },
        { "GET", "/api/isprime/%207", null, null, "n" },
        { "POST", "/api/isprime", "text/plain", new string('9', 200_000), "body" },
        { "GET", "/api/openapi.json?format=yaml", null, null, "format" },
    };

    [Theory]
    [MemberData(nameof(OneMalformedRequestPerRoute))]
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
    public async Task A_body_in_a_charset_other_than_utf8_is_415_and_starts_nothing()
    {
        var before = await CountStateAsync();
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes("""{"from": 1, "to": 5}"""));
        content.Headers.TryAddWithoutValidation("Content-Type", "application/json; charset=utf-16");

        var response = await service.Http.PostAsync("/api/primes", content);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
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
