using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using PrimeFunctions.Engine.Counting;
using PrimeFunctions.Orchestration;

namespace PrimeFunctions.Api;

/// <summary><c>POST /api/nth-prime</c> with <c>{"n"}</c> (or <c>?n=</c>): the n-th prime for 1 ≤ n ≤ π(2^64 − 1); the job id is <c>nth-prime-&lt;n&gt;</c>.</summary>
public sealed class NthPrimeHandler(CountingJobStart start)
{
    public const string JobPrefix = "nth-prime-";
    private const string Field = "n";

    public async Task<IResult> HandleAsync(HttpRequest request, DurableTaskClient client, CancellationToken cancellationToken)
    {
        if (Charset.Refuse(request) is { } unreadable)
        {
            return unreadable;
        }

        var errors = new Dictionary<string, string[]>();
        var raw = await RangeRequest.ReadRawAsync(request, [Field], "{\"n\": 1000000}", errors, cancellationToken);
        if (raw is null)
        {
            return Problems.Validation(errors);
        }

        var n = RangeRequest.ParseField(Field, raw.GetValueOrDefault(Field), errors);
        if (n is 0 or > NthPrime.MaxN)
        {
            errors[Field] = [string.Create(CultureInfo.InvariantCulture,
                $"must be from 1 to {NthPrime.MaxN} (π(2^64 − 1), so that the prime fits in 64 bits); got {n}.")];
        }

        if (n is null || errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var id = string.Create(CultureInfo.InvariantCulture, $"{JobPrefix}{n}");
        return await start.StartAsync<NthPrimeResult>(
            request, client, nameof(NthPrimeOrchestrator), new NthPrimeJob(n.Value, start.IntervalsPerPi), id, cancellationToken);
    }
}
