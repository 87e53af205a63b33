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
/// Builds management URLs for the host the app runs in: under Azure Functions the extension knows the
/// host's base URL and system key; the local host derives them from the request.
/// </summary>
public interface IManagementUrls
{
    ManagementPayload Create(HttpRequest request, DurableTaskClient client, string instanceId);
}

/// <summary>The local host's URLs: the built-in routes on the same origin as the request, without keys.</summary>
public sealed class RequestManagementUrls : IManagementUrls
{
    public ManagementPayload Create(HttpRequest request, DurableTaskClient client, string instanceId)
    {
        var origin = Origin(request);
        var instance = $"{origin}/runtime/webhooks/durabletask/instances/{Uri.EscapeDataString(instanceId)}";
        return new ManagementPayload(
            instanceId,
            instance,
            $"{instance}/raiseEvent/{{eventName}}",
            $"{instance}/terminate?reason={{text}}",
            instance,
            $"{instance}/suspend?reason={{text}}",
            $"{instance}/resume?reason={{text}}",
            ResultsUri(origin, instanceId));
    }

    public static string Origin(HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}";

    public static string ResultsUri(string origin, string instanceId) =>
        $"{origin}/api/primes/{Uri.EscapeDataString(instanceId)}/results";
}
