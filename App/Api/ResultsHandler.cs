using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using PrimeFunctions.Storage;

namespace PrimeFunctions.Api;

/// <summary>
/// <c>GET /api/primes/{id}/results</c>: a completed job's primes as JSON pages (<c>offset</c>, <c>limit</c>), or with
/// <c>format=text</c> the whole list streamed, one prime per line, with its SHA-256 in the headers. Both read the
/// stored segments through the job manifest; nothing is materialised beyond one segment at a time.
/// </summary>
public sealed class ResultsHandler
{
    public const int DefaultPageSize = 1000;
    private static readonly string[] Parameters = ["offset", "limit", "format"];

    private readonly CompletedManifests manifests;
    private readonly CompletedStatusCache statuses;
    private readonly SegmentStore segments;
    private readonly IManagementUrls urls;
    private readonly IOptions<PrimesOptions> options;

    // Jobs whose status was read as completed (or purged) while their manifest was served: that holds until the job is
    // deleted or started again, which evicts it, so their pages need no status read — and keep being served while
    // storage is down.
    private readonly MemoryCache servable = new(new MemoryCacheOptions { SizeLimit = 10_000 });

    public ResultsHandler(
        CompletedManifests manifests, CompletedStatusCache statuses, SegmentStore segments, IManagementUrls urls, IOptions<PrimesOptions> options,
        InstanceChanges changes)
    {
        (this.manifests, this.statuses, this.segments, this.urls, this.options) = (manifests, statuses, segments, urls, options);
        changes.Changed += servable.Remove;
    }

    public async Task<IResult> HandleAsync(HttpRequest request, DurableTaskClient client, string id, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var errors = new Dictionary<string, string[]>();
        QueryRules.Check(request, Parameters, errors);

        var format = request.Query["format"].ToString();
        if (request.Query.ContainsKey("format") && format is not ("json" or "text"))
        {
            errors["format"] = ["must be 'json' or 'text'."];
        }

        var offset = ReadInteger(request, "offset", 0, long.MaxValue, 0, errors);
        var limit = ReadInteger(request, "limit", 1, settings.MaxPageSize, DefaultPageSize, errors);
        if (format == "text" && (request.Query.ContainsKey("offset") || request.Query.ContainsKey("limit")))
        {
            errors["format"] = ["'text' streams the whole list: leave out 'offset' and 'limit'."];
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        if (await manifests.FindAsync(id, repairWait: TimeSpan.Zero, cancellationToken) is not { Summary: var summary, Parts: var parts })
        {
            return await NotReadyAsync(client, id, cancellationToken);
        }

        // A merge does not see a termination sent through the built-in routes, and may still write the summary of a job
        // stopped mid-merge: what the status says stopped has no results, until the range is asked for again. (A job
        // whose history was purged keeps serving the results it completed with.)
        if (!servable.TryGetValue(id, out _))
        {
            var instance = await statuses.GetAsync(client, id, cancellationToken);
            if (instance is { RuntimeStatus: OrchestrationRuntimeStatus.Terminated or OrchestrationRuntimeStatus.Failed })
            {
                return NotReady(instance);
            }

            if (instance is null or { RuntimeStatus: OrchestrationRuntimeStatus.Completed })
            {
                servable.Set(id, true, new MemoryCacheEntryOptions { Size = 1 });
            }
        }

        if (format == "text")
        {
            return new PrimeTextResult(summary, parts, segments);
        }

        var primes = await ReadPageAsync(parts, offset, (int)Math.Min(limit, Math.Max(0, summary.Count - offset)), cancellationToken);
        var nextOffset = offset + primes.Length;
        string? next = nextOffset < summary.Count
            ? $"{urls.Origin(request, client)}{request.Path}?offset={nextOffset}&limit={limit}{KeyOf(request)}"
            : null;
        return Results.Ok(new ResultsPage(id, offset, limit, summary.Count, primes.Select(p => p.ToString(CultureInfo.InvariantCulture)).ToArray(), next));
    }

    /// <summary>The function key the caller used, carried into the next link so that it works in Azure as it is.</summary>
    private static string KeyOf(HttpRequest request) =>
        request.Query.TryGetValue(QueryRules.FunctionKey, out var code) ? $"&code={Uri.EscapeDataString(code.ToString())}" : "";

    private static async Task<IResult> NotReadyAsync(DurableTaskClient client, string id, CancellationToken cancellationToken)
    {
        var instance = JobId.IsWellFormed(id) ? await client.GetInstanceAsync(id, getInputsAndOutputs: true, cancellationToken) : null;
        return instance is null ? Problems.NotFound($"There is no job '{id}'. Start one with POST /api/primes.") : NotReady(instance);
    }

    private static IResult NotReady(OrchestrationMetadata instance)
    {
        var reason = FailureReason.Of(instance);
        return Problems.Conflict(
            NotReadyDetail(instance.InstanceId, instance.RuntimeStatus, reason),
            new Dictionary<string, object?> { ["runtimeStatus"] = instance.RuntimeStatus.ToString(), ["reason"] = reason });
    }

    /// <summary>Why a job has no results to serve, in words that fit its status, and what the caller can do about it.</summary>
    internal static string NotReadyDetail(string id, OrchestrationRuntimeStatus status, string? reason) => status switch
    {
        OrchestrationRuntimeStatus.Pending or OrchestrationRuntimeStatus.Running =>
            $"Job '{id}' is still {status.ToString().ToLowerInvariant()}: its results can be read once it has completed. Poll its status URL until then.",
        OrchestrationRuntimeStatus.Suspended =>
            $"Job '{id}' is suspended: resume it, and its results can be read once it has completed.",
        OrchestrationRuntimeStatus.Failed =>
            $"Job '{id}' failed: {reason} Start it again with POST /api/primes.",
        OrchestrationRuntimeStatus.Terminated =>
            $"Job '{id}' was terminated before it completed, so it has no results. Start it again with POST /api/primes.",
        OrchestrationRuntimeStatus.Completed =>
            $"Job '{id}' has completed, but its results are no longer stored. Start it again with POST /api/primes to rebuild them.",
        _ => $"Job '{id}' is {status}: it has no results yet.",
    };

    private async Task<ulong[]> ReadPageAsync(IReadOnlyList<ManifestPart> parts, long offset, int count, CancellationToken cancellationToken)
    {
        var primes = new ulong[count];
        var filled = 0;
        var partIndex = FindPart(parts, offset);
        while (filled < count)
        {
            var part = parts[partIndex++];
            if (part.Count == 0)
            {
                continue;
            }

            var bitmap = (await segments.LoadAsync(SegmentWidthOf(part), part.SegmentIndex, part.Sha256, cancellationToken)).Bitmap;
            var low = part.LowValue;
            var before = low == bitmap.Low ? 0 : bitmap.Rank(low - 1);
            var position = bitmap.PrimeAt(before + Math.Max(0, offset + filled - part.Offset));
            filled += bitmap.WritePrimes(ref position, part.HighValue, primes.AsSpan(filled));
        }

        return primes;
    }

    /// <summary>The grid width a part was cut from: every segment of a job has the same width, the one its blob name carries.</summary>
    internal static ulong SegmentWidthOf(ManifestPart part) => SegmentStore.WidthOf(part.BlobName);

    /// <summary>The last part whose first prime is at or before <paramref name="offset"/>.</summary>
    private static int FindPart(IReadOnlyList<ManifestPart> parts, long offset)
    {
        int lo = 0, hi = parts.Count - 1;
        while (lo < hi)
        {
            var mid = (lo + hi + 1) / 2;
            if (parts[mid].Offset <= offset)
            {
                lo = mid;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return lo;
    }

    private static long ReadInteger(HttpRequest request, string name, long min, long max, long fallback, Dictionary<string, string[]> errors)
    {
        var values = request.Query[name];
        if (values.Count == 0)
        {
            return fallback;
        }

        if (values.Count == 1 && DecimalUInt64.TryParse(values[0], out var value) && value >= (ulong)min && value <= (ulong)max)
        {
            return (long)value;
        }

        errors[name] = [$"must be given once, as a decimal integer from {min} to {max}."];
        return fallback;
    }
}

/// <summary>One JSON page of a job's primes; primes are decimal strings so that no JSON reader rounds them.</summary>
public sealed record ResultsPage(string Id, long Offset, long Limit, long Total, string[] Primes, string? Next);
