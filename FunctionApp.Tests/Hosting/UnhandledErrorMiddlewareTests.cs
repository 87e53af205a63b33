using System.Collections.Immutable;
using System.Net.Sockets;
using System.Text.Json;
using Azure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PrimeFunctions.Functions;

namespace PrimeFunctions.Tests.Hosting;

/// <summary>
/// What the Functions host answers when an HTTP function ends in an exception: the status its cause calls for, as
/// problem+json with the invocation id as correlation id, and nothing of the exception. A fake function context
/// carries the request as the ASP.NET Core integration does; the middleware itself is the one that ships.
/// </summary>
public sealed class UnhandledErrorMiddlewareTests
{
    private const string InvocationId = "5f0c6a3e-invocation";

    public static TheoryData<Exception, int> Failures => new()
    {
        { new BadHttpRequestException("Reading the request body timed out.", StatusCodes.Status408RequestTimeout), 408 },
        { new RequestFailedException(0, "Connection refused", new HttpRequestException("Connection refused", new SocketException(111))), 503 },
        { new InvalidOperationException("a secret of our own"), 500 },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task A_failed_http_function_answers_a_problem_with_the_invocation_id_and_nothing_of_the_exception(Exception exception, int status)
    {
        var http = NewHttpContext();

        await new UnhandledErrorMiddleware(new ListLogger()).Invoke(new FakeFunctionContext(http), _ => throw exception);

        Assert.Equal(status, http.Response.StatusCode);
        Assert.Equal("application/problem+json", http.Response.ContentType);
        var body = Body(http);
        Assert.Equal(InvocationId, JsonDocument.Parse(body).RootElement.GetProperty("correlationId").GetString());
        Assert.DoesNotContain(exception.Message, body);
        Assert.DoesNotContain("   at ", body);
        Assert.Equal(status == 503 ? "5" : null, http.Response.Headers.RetryAfter.FirstOrDefault());
    }

    [Fact]
    public async Task Our_own_bug_is_logged_as_an_error_with_the_correlation_id_the_caller_got()
    {
        var logger = new ListLogger();

        await new UnhandledErrorMiddleware(logger).Invoke(new FakeFunctionContext(NewHttpContext()), _ => throw new InvalidOperationException("a bug"));

        var (level, message) = Assert.Single(logger.Entries);
        Assert.Equal(LogLevel.Error, level);
        Assert.Contains(InvocationId, message);
    }

    [Fact]
    public async Task A_function_without_a_request_fails_as_it_would_without_the_middleware()
    {
        var failure = new InvalidOperationException("not an HTTP function");

        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            new UnhandledErrorMiddleware(new ListLogger()).Invoke(new FakeFunctionContext(http: null), _ => throw failure));

        Assert.Same(failure, thrown);
    }

    [Fact]
    public async Task A_response_already_started_is_not_answered_twice()
    {
        var http = NewHttpContext();
        http.Features.Set<IHttpResponseFeature>(new StartedResponse());

        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            new UnhandledErrorMiddleware(new ListLogger()).Invoke(new FakeFunctionContext(http), _ => throw new InvalidOperationException("mid-stream")));
    }

    private static DefaultHttpContext NewHttpContext() => new()
    {
        RequestServices = new ServiceCollection().AddLogging().BuildServiceProvider(),
        Response = { Body = new MemoryStream() },
    };

    private static string Body(HttpContext http) => System.Text.Encoding.UTF8.GetString(((MemoryStream)http.Response.Body).ToArray());

    private sealed class StartedResponse : HttpResponseFeature
    {
        public override bool HasStarted => true;
    }

    private sealed class ListLogger : ILogger<UnhandledErrorMiddleware>
    {
        public List<(LogLevel Level, string Message)> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Add((logLevel, formatter(state, exception)));
    }

    /// <summary>A function invocation as the worker hands it to middleware; the ASP.NET Core integration keeps the request's context in its items.</summary>
    private sealed class FakeFunctionContext(HttpContext? http) : FunctionContext
    {
        public override string InvocationId => UnhandledErrorMiddlewareTests.InvocationId;
        public override string FunctionId => "function-id";
        public override TraceContext TraceContext => null!;
        public override BindingContext BindingContext => null!;
        public override RetryContext RetryContext => null!;
        public override IServiceProvider InstanceServices { get; set; } = new ServiceCollection().BuildServiceProvider();
        public override FunctionDefinition FunctionDefinition { get; } = new FakeFunctionDefinition();
        public override IDictionary<object, object> Items { get; set; } =
            http is null ? new Dictionary<object, object>() : new Dictionary<object, object> { ["HttpRequestContext"] = http };
        public override IInvocationFeatures Features => null!;
    }

    private sealed class FakeFunctionDefinition : FunctionDefinition
    {
        public override ImmutableArray<FunctionParameter> Parameters => [];
        public override string PathToAssembly => "FunctionApp.dll";
        public override string EntryPoint => "PrimeFunctions.Functions.PrimesHttpFunctions.Start";
        public override string Id => "function-id";
        public override string Name => "StartPrimes";
        public override IImmutableDictionary<string, BindingMetadata> InputBindings => ImmutableDictionary<string, BindingMetadata>.Empty;
        public override IImmutableDictionary<string, BindingMetadata> OutputBindings => ImmutableDictionary<string, BindingMetadata>.Empty;
    }
}
