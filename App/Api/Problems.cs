using Microsoft.AspNetCore.Http;

namespace PrimeFunctions.Api;

/// <summary>RFC 9457 problem responses shared by every handler.</summary>
public static class Problems
{
    public static IResult Validation(IDictionary<string, string[]> errors) =>
        Results.ValidationProblem(errors, detail: "The request is not valid: see 'errors' for each field and the rule it breaks.");

    /// <summary>A 400 for one field, in the same shape as <see cref="Validation"/>.</summary>
    public static IResult Invalid(string field, string rule) => Validation(new Dictionary<string, string[]> { [field] = [rule] });

    public static IResult NotFound(string detail) =>
        Results.Problem(detail: detail, statusCode: StatusCodes.Status404NotFound, title: "Not found");

    public static IResult Conflict(string detail, IDictionary<string, object?>? extensions = null) =>
        Results.Problem(detail: detail, statusCode: StatusCodes.Status409Conflict, title: "Not ready", extensions: extensions);

    public static IResult UnsupportedMediaType(string detail) =>
        Results.Problem(detail: detail, statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type");

    /// <summary>What a caller sent, quoted in a rule it breaks: at most 40 characters of it.</summary>
    public static string Excerpt(string text) => text.Length <= 40 ? text : text[..40] + "…";

    public static IResult TooManyRequests(string detail, int retryAfterSeconds) =>
        Results.Problem(detail: detail, statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests")
            .WithRetryAfter(retryAfterSeconds);
}
