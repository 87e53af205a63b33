using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;

namespace PrimeFunctions.Api;

/// <summary>The Durable Functions management payload for one instance, plus where the job's results are served.</summary>
public sealed record ManagementPayload(
    string Id,
    string StatusQueryGetUri,
    string SendEventPostUri,
    string TerminatePostUri,
    string PurgeHistoryDeleteUri,
    string SuspendPostUri,
    string ResumePostUri,
    string ResultsUri);

/// <summary>
/// Builds the service's public URLs for the host the app runs in, at response time and for the current caller
/// only: they are never stored. Under Azure Functions the extension knows the host's own base URL and system
/// key; the local host takes the origin of a request whose Host it has already checked against its allowed hosts.
/// </summary>
public interface IManagementUrls
{
    /// <summary>The service's public base URL (scheme, host and path base), without a trailing slash.</summary>
    string Origin(HttpRequest request, DurableTaskClient client);

    ManagementPayload Create(HttpRequest request, DurableTaskClient client, string instanceId);

    /// <summary>Where a range job's results are served, under <paramref name="origin"/>.</summary>
    static string ResultsUri(string origin, string instanceId) =>
        $"{origin}/api/primes/{Uri.EscapeDataString(instanceId)}/results";
}
