using System.Net;
using System.Text.Json;

namespace PrimeFunctions.Cli;

/// <summary>A request the service refused or could not answer, with the one line a user should read.</summary>
internal sealed class PrimesApiException(string message) : Exception(message)
{
    /// <summary>The message of an error response: a problem body's title, detail and field errors, else the status.</summary>
    public static async Task<PrimesApiException> FromAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        var status = $"{(int)response.StatusCode} {response.ReasonPhrase ?? response.StatusCode.ToString()}";
        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            return new PrimesApiException(response.StatusCode == HttpStatusCode.Unauthorized
                ? $"{status}: the service wants a function key (--code or PRIMES_CODE)."
                : $"{status} from {response.RequestMessage?.RequestUri?.GetLeftPart(UriPartial.Path)}");
        }

        var problem = JsonDocument.Parse(text).RootElement;
        var title = problem.TryGetProperty("title", out var titleText) ? titleText.GetString()!.TrimEnd('.') : status;
        var details = problem.TryGetProperty("errors", out var errors)
            ? errors.EnumerateObject().Select(field => $"{field.Name} {string.Join(" ", field.Value.EnumerateArray().Select(e => e.GetString()))}")
            : problem.TryGetProperty("detail", out var detail) ? [detail.GetString()!] : [];
        return new PrimesApiException($"{title}: {string.Join("; ", details)}");
    }
}
