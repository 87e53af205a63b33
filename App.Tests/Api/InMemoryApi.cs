using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace PrimeFunctions.App.Tests.Api;

/// <summary>
/// The /api handlers with default settings, called with an in-memory request and answering what a caller would
/// receive: status, content type and body. Storage and the durable store are offline (<see cref="OfflineStorage"/>,
/// <see cref="OfflineDurableClient"/>), so only the answers that need neither can be had here.
/// </summary>
internal sealed class InMemoryApi
{
    private static readonly IServiceProvider Services = new ServiceCollection().AddLogging().BuildServiceProvider();

    private readonly StartJobHandler start;
    private readonly ListJobsHandler list;
    private readonly ResultsHandler results;
    private readonly JobViewHandler view;
    private readonly DeleteJobHandler delete;
    private readonly IsPrimeHandler isPrime;
    private readonly OpenApiHandler openApi = new();
    private readonly CountJobHandler counts;
    private readonly NthPrimeHandler nthPrime;

    public InMemoryApi()
    {
        var options = Options.Create(new PrimesOptions());
        var urls = new FixedManagementUrls();
        var manifests = new JobManifestStore(Storage.Account);
        var segments = new SegmentStore(Storage.Account);
        var changes = new InstanceChanges();
        var completed = new CompletedManifests(manifests, segments, options, NullLogger<CompletedManifests>.Instance);
        var statuses = new CompletedStatusCache(changes);
        start = new StartJobHandler(completed, statuses, urls, options, changes, new JobCompletion(manifests), TimeProvider.System);
        list = new ListJobsHandler(urls, options);
        results = new ResultsHandler(completed, statuses, segments, urls, options, changes);
        view = new JobViewHandler(manifests, new SegmentHandoff(Storage.Account, segments), urls, options);
        delete = new DeleteJobHandler(manifests, options, new InstanceChanges());
        isPrime = new IsPrimeHandler(urls, new CpuBoundWork(options), options);
        counts = new CountJobHandler(new CountingJobStart(urls, options));
        nthPrime = new NthPrimeHandler(new CountingJobStart(urls, options));
    }

    public OfflineStorage Storage { get; } = new();
    public OfflineDurableClient Durable { get; } = new();

    public Task<Answer> SendAsync(string method, string url, string? contentType = null, string? body = null) =>
        SendAsync(method, url, contentType, body is null ? null : Encoding.UTF8.GetBytes(body));

    /// <summary>Routes the request as both hosts do (route values arrive unescaped) and runs the handler's answer.</summary>
    public async Task<Answer> SendAsync(string method, string url, string? contentType, byte[]? body)
    {
        var context = new DefaultHttpContext { RequestServices = Services };
        var request = context.Request;
        var query = url.IndexOf('?');
        (request.Method, request.Scheme, request.Host) = (method, "http", new HostString("127.0.0.1:7071"));
        request.Path = query < 0 ? url : url[..query];
        request.QueryString = query < 0 ? QueryString.Empty : new QueryString(url[query..]);
        if (body is not null)
        {
            request.ContentType = contentType;
            request.ContentLength = body.Length;
            request.Body = new MemoryStream(body);
        }

        context.Response.Body = new MemoryStream();
        var segments = request.Path.Value!.Trim('/').Split('/').Select(Uri.UnescapeDataString).ToArray();
        var cancel = CancellationToken.None;
        var result = (method, segments) switch
        {
            ("POST", ["api", "primes"]) => await start.HandleAsync(request, Durable, cancel),
            ("GET", ["api", "primes"]) => await list.HandleAsync(request, Durable, cancel),
            ("GET", ["api", "primes", var id]) => await view.HandleAsync(request, Durable, id, cancel),
            ("DELETE", ["api", "primes", var id]) => await delete.HandleAsync(request, Durable, id, cancel),
            ("GET", ["api", "primes", var id, "results"]) => await results.HandleAsync(request, Durable, id, cancel),
            ("GET", ["api", "isprime", var n]) => await isPrime.HandleGetAsync(request, Durable, n, cancel),
            ("POST", ["api", "isprime"]) => await isPrime.HandlePostAsync(request, Durable, cancel),
            ("GET", ["api", "openapi.json"]) => openApi.Handle(request),
            ("POST", ["api", "counts"]) => await counts.HandleAsync(request, Durable, cancel),
            ("POST", ["api", "nth-prime"]) => await nthPrime.HandleAsync(request, Durable, cancel),
            _ => throw new ArgumentException($"No /api route answers {method} {url}."),
        };

        await result.ExecuteAsync(context);
        return new Answer(context.Response.StatusCode, context.Response.ContentType, Encoding.UTF8.GetString(((MemoryStream)context.Response.Body).ToArray()));
    }
}

/// <summary>What a caller receives.</summary>
internal sealed record Answer(int Status, string? ContentType, string Body)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    /// <summary>The rules a 400 gives for <paramref name="field"/>; fails when the answer names no such field.</summary>
    public string[] ErrorsFor(string field) =>
        Json.GetProperty("errors").TryGetProperty(field, out var rules)
            ? rules.EnumerateArray().Select(r => r.GetString()!).ToArray()
            : throw new Xunit.Sdk.XunitException($"no error for '{field}' in {Body}");
}
