using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using PrimeFunctions.Orchestration;

namespace PrimeFunctions.Api;

/// <summary>
/// <c>GET /api/isprime/{n}</c>, and <c>POST /api/isprime</c> with the digits as a <c>text/plain</c> body for numbers
/// longer than a URL may be. Numbers up to <see cref="PrimesOptions.MaxSyncIsPrimeDigits"/> digits are answered at
/// once; longer ones run as a job named by the SHA-256 of their canonical digits, so the same number asked twice
/// is the same job, and asking again once it has completed answers from its output.
/// </summary>
public sealed class IsPrimeHandler(IManagementUrls urls, CpuBoundWork cpu, IOptions<PrimesOptions> options)
{
    public const string JobPrefix = "isprime-";
    private const string Field = "n";

    // Up to 19 digits a number fits in 64 bits and its test takes microseconds: it never waits for a slot.
    private const int MaxWordDigits = 19;

    public Task<IResult> HandleGetAsync(HttpRequest request, DurableTaskClient client, string n, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        QueryRules.Check(request, [], errors);
        var canonical = Validate(n, errors);
        return errors.Count > 0 ? Task.FromResult(Problems.Validation(errors)) : AnswerAsync(request, client, canonical!, cancellationToken);
    }

    public async Task<IResult> HandlePostAsync(HttpRequest request, DurableTaskClient client, CancellationToken cancellationToken)
    {
        if (Charset.Refuse(request) is { } unreadable)
        {
            return unreadable;
        }

        var errors = new Dictionary<string, string[]>();
        QueryRules.Check(request, [], errors);
        var maxBytes = options.Value.MaxIsPrimeDigits + 2;
        if (!string.Equals(request.ContentType?.Split(';')[0].Trim(), "text/plain", StringComparison.OrdinalIgnoreCase))
        {
            errors["Content-Type"] = ["must be text/plain: the body is the number's decimal digits."];
        }
        else if (request.ContentLength > maxBytes)
        {
            errors["body"] = [TooLong("body", request.ContentLength.Value, maxBytes)];
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var body = await RequestBody.ReadAsync(request, maxBytes, cancellationToken);
        if (body is null)
        {
            errors["body"] = [TooLong("body", maxBytes + 1, maxBytes)];
            return Problems.Validation(errors);
        }

        var canonical = Validate(WithoutFinalLineBreak(Encoding.UTF8.GetString(body)), errors);
        return errors.Count > 0 ? Problems.Validation(errors) : await AnswerAsync(request, client, canonical!, cancellationToken);
    }

    /// <summary>The job id of a number too long to answer at once: short and fixed-length, however long the number.</summary>
    public static string JobIdFor(string canonical) =>
        JobPrefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(canonical)));

    private string? Validate(string text, Dictionary<string, string[]> errors)
    {
        var limit = options.Value.MaxIsPrimeDigits;
        var canonical = CanonicalDecimal.Canonicalize(text);
        if (canonical is null)
        {
            errors[Field] = [text.Length == 0
                ? "is required: a non-negative integer in decimal digits."
                : $"must be a non-negative integer written in ASCII decimal digits only (no sign, space, point, exponent or hex); got '{Problems.Excerpt(text)}'."];
        }
        else if (canonical.Length > limit)
        {
            errors[Field] = [$"has {canonical.Length} digits; the limit Primes:MaxIsPrimeDigits is {limit}."];
        }

        return canonical;
    }

    private async Task<IResult> AnswerAsync(HttpRequest request, DurableTaskClient client, string n, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (n.Length <= MaxWordDigits)
        {
            return Results.Ok(IsPrimeAnswer.From(n, IsPrimeVerdict.Of(n)));
        }

        if (n.Length <= settings.MaxSyncIsPrimeDigits)
        {
            return cpu.TryRun(() => IsPrimeVerdict.Of(n, settings.IsPrimeUsesGmp, cancellationToken, progress: null), out var tested)
                ? Results.Ok(IsPrimeAnswer.From(n, tested!))
                : Problems.TooManyRequests(
                    $"Every slot for testing numbers past 64 bits is busy (the limit Primes:MaxConcurrentSyncIsPrime is {settings.MaxConcurrentSyncIsPrime}); " +
                    "try again after the seconds in Retry-After.",
                    settings.RetryAfterSeconds);
        }

        var id = JobIdFor(n);
        var instance = await client.GetInstanceAsync(id, getInputsAndOutputs: true, cancellationToken);
        if (instance is { RuntimeStatus: OrchestrationRuntimeStatus.Completed } && instance.ReadOutputAs<IsPrimeVerdict>() is { } verdict)
        {
            return Results.Ok(IsPrimeAnswer.From(n, verdict));
        }

        var joining = instance is not null && instance.RuntimeStatus.IsRunning();
        if (!joining)
        {
            await client.StartOrJoinAsync(nameof(IsPrimeOrchestrator), n, id, cancellationToken);
        }

        var payload = urls.Create(request, client, id);
        RetryAfter.Set(request.HttpContext.Response, settings.RetryAfterSeconds);
        return Results.Accepted(payload.StatusQueryGetUri, new IsPrimeJobResponse(
            id, joining ? instance!.RuntimeStatus.ToString() : "Pending", n.Length,
            payload.StatusQueryGetUri, payload.SendEventPostUri, payload.TerminatePostUri, payload.PurgeHistoryDeleteUri,
            payload.SuspendPostUri, payload.ResumePostUri));
    }

    /// <summary>A file sent with <c>curl --data-binary @file</c> usually ends in one line break; it is not part of the number.</summary>
    private static string WithoutFinalLineBreak(string body) =>
        body.EndsWith("\r\n", StringComparison.Ordinal) ? body[..^2] : body.EndsWith('\n') ? body[..^1] : body;

    private static string TooLong(string what, long actual, long limit) =>
        $"{what} holds {actual} bytes or more; the limit is {limit} bytes (Primes:MaxIsPrimeDigits digits and a line break).";
}

/// <summary>The answer to is-prime: the number in canonical decimal, whether it is prime, and how that is known.</summary>
public sealed record IsPrimeAnswer(string N, bool IsPrime, string Certainty, string Method, int Digits)
{
    public static IsPrimeAnswer From(string n, IsPrimeVerdict verdict) =>
        new(n, verdict.IsPrime, verdict.Certainty, verdict.Method, verdict.Digits);
}

/// <summary>The body of a 202 for an is-prime job: the Durable Functions management payload and the job's state.</summary>
public sealed record IsPrimeJobResponse(
    string Id,
    string RuntimeStatus,
    int Digits,
    string StatusQueryGetUri,
    string SendEventPostUri,
    string TerminatePostUri,
    string PurgeHistoryDeleteUri,
    string SuspendPostUri,
    string ResumePostUri);
