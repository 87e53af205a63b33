using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using PrimeFunctions.Engine;
using PrimeFunctions.Orchestration;
using PrimeFunctions.Storage;

namespace PrimeFunctions.Api;

/// <summary>
/// <c>GET /api/primes/{id}</c>: one range job as the list shows it, its summary once completed, and each of its grid
/// segments — pending (not handed off by its run yet), sieved by this run, or reused (found stored) — with its primes
/// inside the range once that is known: from the manifest after the merge, from the hand-off before it for segments the
/// range covers whole. Served with the function key alone, unlike the durable status route.
/// </summary>
public sealed class JobViewHandler(JobManifestStore manifests, SegmentHandoff handoff, IManagementUrls urls, IOptions<PrimesOptions> options)
{
    public async Task<IResult> HandleAsync(HttpRequest request, DurableTaskClient client, string id, CancellationToken cancellationToken)
    {
        var errors = JobId.CheckRoute(request, id);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        if (await client.GetInstanceAsync(id, getInputsAndOutputs: true, cancellationToken) is not { } instance)
        {
            return Problems.NotFound($"There is no job '{id}'.");
        }

        var job = JobInput.Read(instance);
        var width = job?.SegmentWidth ?? options.Value.SegmentWidth;
        var item = JobListItem.Of(instance, urls.Create(request, client, id));
        var (from, to) = (ulong.Parse(item.From!, CultureInfo.InvariantCulture), ulong.Parse(item.To!, CultureInfo.InvariantCulture));
        var summary = await manifests.FindSummaryAsync(id, cancellationToken);
        var parts = summary is null ? [] : await manifests.ReadPartsAsync(id, cancellationToken);
        var grid = new SegmentGrid(width);
        var (first, last) = (grid.IndexOf(from), grid.IndexOf(to));
        var settled = job is null ? new Dictionary<long, HandedOffSegment>() : await handoff.ReadRunAsync(job.RunOf(id), cancellationToken);
        var merged = parts.ToDictionary(p => p.SegmentIndex, p => p.Count);

        var views = new SegmentView[last - first + 1];
        for (var index = first; index <= last; index++)
        {
            var (low, high) = grid.Bounds(index);
            var whole = low >= from && high <= to;
            var segment = settled.GetValueOrDefault(index);
            var state = segment is null ? "pending" : segment.Reused ? "reused" : "sieved";
            long? primes = merged.TryGetValue(index, out var count) ? count : whole ? segment?.Count : null;
            views[index - first] = new SegmentView(index, Text(Math.Max(low, from)), Text(Math.Min(high, to)), state, primes);
        }

        return Results.Ok(new JobView(item, summary, views));
    }

    private static string Text(ulong value) => value.ToString(CultureInfo.InvariantCulture);
}

/// <summary>A range job with its summary (once completed) and its segments in order.</summary>
public sealed record JobView(JobListItem Job, JobSummary? Output, SegmentView[] Segments);

/// <summary>
/// One grid segment of a job, clipped to the job's range: <c>pending</c>, <c>sieved</c> by this job or <c>reused</c>;
/// <c>primes</c> in the clipped range, null while unknown.
/// </summary>
public sealed record SegmentView(long Index, string Low, string High, string State, long? Primes);
