using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using PrimeFunctions.Orchestration;

namespace PrimeFunctions.Api;

/// <summary><c>POST /api/counts</c>: how many primes lie in [from, to], any width up to the whole 64-bit domain; the job id is <c>count-&lt;from&gt;-&lt;to&gt;</c>.</summary>
public sealed class CountJobHandler(CountingJobStart start)
{
    public const string JobPrefix = "count-";

    public async Task<IResult> HandleAsync(HttpRequest request, DurableTaskClient client, CancellationToken cancellationToken)
    {
        if (Charset.Refuse(request) is { } unreadable)
        {
            return unreadable;
        }

        var (range, errors) = await RangeRequest.ReadAnyWidthAsync(request, cancellationToken);
        if (range is null)
        {
            return Problems.Validation(errors);
        }

        var id = string.Create(CultureInfo.InvariantCulture, $"{JobPrefix}{range.From}-{range.To}");
        return await start.StartAsync<CountResult>(
            request, client, nameof(CountOrchestrator), new CountJob(range.From, range.To, start.IntervalsPerPi), id, cancellationToken);
    }
}
