using System.Globalization;
using System.Text.Json;
using System.Text.Unicode;
using Microsoft.AspNetCore.Http;

namespace PrimeFunctions.Api;

/// <summary>
/// The range a caller asks for, read from a JSON body <c>{"from":..,"to":..}</c> or from the query string.
/// Values may be JSON integers or decimal strings (JavaScript loses integers above 2^53). Every rule that
/// fails is reported against the field it concerns.
/// </summary>
public sealed record RangeRequest(ulong From, ulong To)
{
    public const int MaxBodyBytes = 4096;
    private static readonly string[] Fields = ["from", "to"];

    public static Task<(RangeRequest? Range, IDictionary<string, string[]> Errors)> ReadAsync(
        HttpRequest request, PrimesOptions options, CancellationToken cancellationToken) =>
        ReadWithinAsync(request, options.MaxRangeWidth, cancellationToken);

    /// <summary>The same rules without a limit on the range's width (a count needs no sieve of the whole range).</summary>
    public static Task<(RangeRequest? Range, IDictionary<string, string[]> Errors)> ReadAnyWidthAsync(
        HttpRequest request, CancellationToken cancellationToken) =>
        ReadWithinAsync(request, null, cancellationToken);

    private static async Task<(RangeRequest? Range, IDictionary<string, string[]> Errors)> ReadWithinAsync(
        HttpRequest request, ulong? maxRangeWidth, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var raw = await ReadRawAsync(request, Fields, "{\"from\": 0, \"to\": 1000}", errors, cancellationToken);
        if (raw is null)
        {
            return (null, errors);
        }

        var from = ParseField("from", raw.GetValueOrDefault("from"), errors);
        var to = ParseField("to", raw.GetValueOrDefault("to"), errors);
        if (from is null || to is null)
        {
            return (null, errors);
        }

        if (from > to)
        {
            errors["to"] = [$"must be greater than or equal to 'from' ({from})."];
        }
        else if (to.Value - from.Value >= maxRangeWidth)
        {
            errors["to"] = [string.Create(CultureInfo.InvariantCulture,
                $"the range holds {(UInt128)to.Value - from.Value + 1} integers; the limit Primes:MaxRangeWidth is {maxRangeWidth}.")];
        }

        return errors.Count == 0 ? (new RangeRequest(from.Value, to.Value), errors) : (null, errors);
    }

    /// <summary>The request's fields as JSON elements, from the query string or a JSON body, or null with the reason in <paramref name="errors"/>.</summary>
    internal static async Task<Dictionary<string, JsonElement>?> ReadRawAsync(
        HttpRequest request, string[] fields, string example, Dictionary<string, string[]> errors, CancellationToken cancellationToken)
    {
        var hasBody = request.ContentLength > 0 || (request.ContentLength is null && request.Headers.TransferEncoding.Count > 0);
        if (!hasBody)
        {
            var fromQuery = new Dictionary<string, JsonElement>();
            QueryRules.Check(request, fields, errors);
            foreach (var name in fields)
            {
                if (QueryRules.Single(request, name) is { } value)
                {
                    fromQuery[name] = JsonSerializer.SerializeToElement(value, PrimesJsonContext.Default.String);
                }
            }

            return errors.Count == 0 ? fromQuery : null;
        }

        if (fields.Any(request.Query.ContainsKey))
        {
            errors["body"] = ["give the fields either in the JSON body or in the query string, not both."];
            return null;
        }

        if (!request.HasJsonContentType())
        {
            errors["Content-Type"] = ["must be application/json when a body is sent."];
            return null;
        }

        if (request.ContentLength > MaxBodyBytes)
        {
            errors["body"] = [$"must be at most {MaxBodyBytes} bytes."];
            return null;
        }

        var body = await RequestBody.ReadAsync(request, MaxBodyBytes, cancellationToken);
        if (body is null)
        {
            errors["body"] = [$"must be at most {MaxBodyBytes} bytes."];
            return null;
        }

        if (!Utf8.IsValid(body))
        {
            errors["body"] = ["is not valid UTF-8: send the JSON as UTF-8 text."];
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 4 });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                errors["body"] = [$"must be a JSON object such as {example}."];
                return null;
            }

            var found = new Dictionary<string, JsonElement>();
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (!fields.Contains(property.Name))
                {
                    errors[property.Name] = [$"is not a field of this request; give {string.Join(" and ", fields.Select(f => $"'{f}'"))}."];
                }
                else if (!found.TryAdd(property.Name, property.Value.Clone()))
                {
                    errors[property.Name] = ["must be given once."];
                }
            }

            return errors.Count == 0 ? found : null;
        }
        catch (JsonException e)
        {
            errors["body"] = [JsonRules.NotValid(e, $"an object such as {example}")];
            return null;
        }
    }

    internal static ulong? ParseField(string name, JsonElement value, Dictionary<string, string[]> errors)
    {
        string? text = value.ValueKind switch
        {
            JsonValueKind.Number => value.GetRawText(),
            JsonValueKind.String => value.GetString(),
            _ => null,
        };

        if (value.ValueKind == JsonValueKind.Undefined)
        {
            errors[name] = ["is required."];
        }
        else if (text is null)
        {
            errors[name] = ["must be an integer from 0 to 18446744073709551615, as a JSON number or a decimal string."];
        }
        else if (DecimalUInt64.TryParse(text, out var parsed))
        {
            return parsed;
        }
        else
        {
            errors[name] = [$"must be an integer from 0 to 18446744073709551615 written in decimal digits only; got '{Problems.Excerpt(text)}'."];
        }

        return null;
    }
}
