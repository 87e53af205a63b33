using System.Buffers.Text;
using System.Globalization;
using System.Text;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using PrimeFunctions.Orchestration;

namespace PrimeFunctions.Api;

/// <summary>
/// <c>GET /api/primes</c>: range, count and n-th prime jobs (<see cref="JobKind"/>), newest first, filtered by
/// <c>kind</c>, <c>status</c> and creation time and paged with a <c>continuationToken</c> query parameter. The durable
/// store lists instances in id order, not by age, so each page scans the matching instances of each kind (one query per
/// id prefix) created no later than the page's start and keeps the newest; the token is the (created time, id) of the
/// last job shown, so pages never repeat or skip a job while new ones arrive. Retention keeps the number of instances,
/// and so the scan, bounded.
/// </summary>
public sealed class ListJobsHandler(IManagementUrls urls, IOptions<PrimesOptions> options)
{
    public const int DefaultPageSize = 20;
    private static readonly string[] Parameters = ["kind", "status", "createdFrom", "createdTo", "limit", "continuationToken"];
    private static readonly string[] TimeFormats = ["yyyy-MM-dd", "yyyy-MM-ddTHH:mm:ssK", "yyyy-MM-ddTHH:mm:ss.FFFFFFFK"];

    public async Task<IResult> HandleAsync(HttpRequest request, DurableTaskClient client, CancellationToken cancellationToken)
    {
        var maxPage = options.Value.MaxListPageSize;
        var errors = new Dictionary<string, string[]>();
        QueryRules.Check(request, Parameters, errors);
        var kinds = ReadKinds(QueryRules.Single(request, "kind"), errors);
        var statuses = ReadStatuses(QueryRules.Single(request, "status"), errors);
        var createdFrom = ReadTime(request, "createdFrom", errors);
        var createdTo = ReadTime(request, "createdTo", errors);
        if (createdFrom > createdTo)
        {
            errors["createdTo"] = ["must not be earlier than 'createdFrom'."];
        }

        var limit = DefaultPageSize;
        if (QueryRules.Single(request, "limit") is { } limitText
            && (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit < 1 || limit > maxPage))
        {
            errors["limit"] = [$"must be a decimal integer from 1 to {maxPage} (the limit Primes:MaxListPageSize)."];
        }

        var after = PageToken.Read(QueryRules.Single(request, "continuationToken"), errors);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        // The runtime's creation time is that of a job's latest wave (each continue-as-new restarts it), never earlier
        // than the job's own, which its input keeps: the query can bound it from below only, and the rest is filtered here.
        var newest = new List<(PageToken Token, OrchestrationMetadata Instance)>();
        foreach (var kind in kinds)
        {
            var query = new OrchestrationQuery(
                CreatedFrom: createdFrom,
                Statuses: statuses,
                PageSize: 100,
                FetchInputsAndOutputs: true,
                InstanceIdPrefix: kind.Prefix);
            await foreach (var instance in client.GetAllInstancesAsync(query).WithCancellation(cancellationToken))
            {
                if (!kind.Names(instance.InstanceId))
                {
                    continue;
                }

                var token = new PageToken(JobListItem.CreatedAt(instance), instance.InstanceId);
                if (token.Created >= (createdFrom ?? DateTimeOffset.MinValue) && token.Created <= (createdTo ?? DateTimeOffset.MaxValue)
                    && (after is null || token.IsOlderThan(after)))
                {
                    newest.Add((token, instance));
                }
            }
        }

        newest.Sort((a, b) => b.Token.CompareTo(a.Token));
        var page = newest.Take(limit).ToList();
        string? pageEnd = newest.Count > limit ? page[^1].Token.Write() : null;
        string? next = pageEnd is null ? null : NextUri(urls.Origin(request, client), request, pageEnd);
        return Results.Ok(new JobList(page.Select(i => JobListItem.Of(i.Instance, urls.Create(request, client, i.Instance.InstanceId))).ToArray(), pageEnd, next));
    }

    private static IReadOnlyList<JobKind> ReadKinds(string? text, Dictionary<string, string[]> errors)
    {
        if (text is null)
        {
            return JobKind.Listed;
        }

        var kinds = new List<JobKind>();
        foreach (var name in text.Split(','))
        {
            if (JobKind.Listed.FirstOrDefault(k => string.Equals(k.Name, name, StringComparison.OrdinalIgnoreCase)) is not { } kind)
            {
                errors["kind"] = [$"'{Problems.Excerpt(name)}' is not a kind of job; give one or more of {string.Join(", ", JobKind.Listed.Select(k => k.Name))}, comma-separated."];
                return [];
            }

            if (!kinds.Contains(kind))
            {
                kinds.Add(kind);
            }
        }

        return kinds;
    }

    private static IReadOnlyList<OrchestrationRuntimeStatus>? ReadStatuses(string? text, Dictionary<string, string[]> errors)
    {
        if (text is null)
        {
            return null;
        }

        var statuses = new List<OrchestrationRuntimeStatus>();
        foreach (var name in text.Split(','))
        {
            var match = RuntimeStatuses.All.Where(s => string.Equals(s.ToString(), name, StringComparison.OrdinalIgnoreCase)).ToList();
            if (match.Count == 0)
            {
                errors["status"] = [$"'{Problems.Excerpt(name)}' is not a status; give one or more of {string.Join(", ", RuntimeStatuses.All)}, comma-separated."];
                return null;
            }

            statuses.Add(match[0]);
        }

        return statuses;
    }

    private static DateTimeOffset? ReadTime(HttpRequest request, string name, Dictionary<string, string[]> errors)
    {
        if (QueryRules.Single(request, name) is not { } text)
        {
            return null;
        }

        if (DateTimeOffset.TryParseExact(text, TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
        {
            return time;
        }

        errors[name] = [$"must be an ISO 8601 date or UTC time such as 2026-11-25 or 2026-11-25T17:00:00Z; got '{Problems.Excerpt(text)}'."];
        return null;
    }


    private static string NextUri(string origin, HttpRequest request, string token)
    {
        var query = request.Query
            .Where(p => p.Key != "continuationToken")
            .Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value.ToString())}")
            .Append($"continuationToken={token}");
        return $"{origin}{request.Path}?{string.Join('&', query)}";
    }

    /// <summary>Where a page ends: the creation time and id of its last job, as opaque base64url text.</summary>
    private sealed record PageToken(DateTimeOffset Created, string Id) : IComparable<PageToken>
    {
        public static PageToken? Read(string? text, Dictionary<string, string[]> errors)
        {
            if (text is null)
            {
                return null;
            }

            var bytes = new byte[Base64Url.GetMaxDecodedLength(text.Length)];
            if (text.Length <= 200 && Base64Url.IsValid(text) && Base64Url.TryDecodeFromChars(text, bytes, out var written)
                && Encoding.UTF8.GetString(bytes, 0, written).Split(' ') is [var ticks, var id]
                && long.TryParse(ticks, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
                && value <= DateTimeOffset.MaxValue.UtcTicks
                && JobKind.Of(id) is not null)
            {
                return new PageToken(new DateTimeOffset(value, TimeSpan.Zero), id);
            }

            errors["continuationToken"] = ["is not a token this service issued: pass the 'continuationToken' of the previous page unchanged."];
            return null;
        }

        public string Write() =>
            Base64Url.EncodeToString(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{Created.UtcTicks} {Id}")));

        public bool IsOlderThan(PageToken other) => CompareTo(other) < 0;

        public int CompareTo(PageToken? other) =>
            other is null ? 1
            : Created.UtcTicks != other.Created.UtcTicks ? Created.UtcTicks.CompareTo(other.Created.UtcTicks)
            : string.CompareOrdinal(Id, other.Id);
    }
}

/// <summary>One page of the job list, newest first.</summary>
public sealed record JobList(JobListItem[] Jobs, string? ContinuationToken, string? Next);

/// <summary>
/// A job as the list shows it, with its kind (<see cref="JobKind"/>): a range or a count has <c>from</c> and <c>to</c>, an
/// n-th prime job <c>n</c>, all decimal strings so that no JSON reader rounds them. A range job's progress is
/// <c>progress</c> and its primes are at <c>resultsUri</c>; a count or n-th prime job's progress is
/// <c>countProgress</c>, and once it has completed its answer is <c>countOutput</c> or <c>nthPrimeOutput</c>.
/// </summary>
public sealed record JobListItem(
    string Id,
    string Kind,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? From,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? To,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? N,
    string RuntimeStatus,
    JobProgress? Progress,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] CountProgress? CountProgress,
    DateTimeOffset CreatedTime,
    DateTimeOffset LastUpdatedTime,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Failure,
    string StatusQueryGetUri,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ResultsUri,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] CountResult? CountOutput,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] NthPrimeResult? NthPrimeOutput)
{
    /// <summary>
    /// When the job was asked for: a range job's input keeps that time across waves (the runtime's restarts with each
    /// wave); count and n-th prime jobs run in one execution.
    /// </summary>
    public static DateTimeOffset CreatedAt(OrchestrationMetadata instance) =>
        ((JobKind.Of(instance.InstanceId) == JobKind.Range ? JobInput.Read(instance)?.CreatedAt : null) ?? instance.CreatedAt).ToUniversalTime();

    public static JobListItem Of(OrchestrationMetadata instance, ManagementPayload payload)
    {
        var kind = JobKind.Of(instance.InstanceId) ?? throw new ArgumentException($"'{instance.InstanceId}' is not the id of a listed job.", nameof(instance));
        var key = instance.InstanceId[kind.Prefix.Length..];
        var bounds = kind == JobKind.Nth ? null : key.Split('-');
        var completed = instance.RuntimeStatus == OrchestrationRuntimeStatus.Completed;
        return new JobListItem(
            instance.InstanceId,
            kind.Name,
            bounds?[0],
            bounds?[1],
            kind == JobKind.Nth ? key : null,
            instance.RuntimeStatus.ToString(),
            kind == JobKind.Range ? instance.ReadCustomStatusAs<JobProgress>() : null,
            kind == JobKind.Range ? null : instance.ReadCustomStatusAs<CountProgress>(),
            CreatedAt(instance),
            instance.LastUpdatedAt.ToUniversalTime(),
            FailureReason.Of(instance),
            payload.StatusQueryGetUri,
            kind == JobKind.Range ? payload.ResultsUri : null,
            completed && kind == JobKind.Count ? instance.ReadOutputAs<CountResult>() : null,
            completed && kind == JobKind.Nth ? instance.ReadOutputAs<NthPrimeResult>() : null);
    }
}
