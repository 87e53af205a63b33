using Microsoft.DurableTask.Client;
using PrimeFunctions.Api;

namespace PrimeFunctions.LocalHost;

/// <summary>The local host's URLs: the built-in routes on the same origin as the request, without keys.</summary>
public sealed class RequestManagementUrls : IManagementUrls
{
    public string Origin(HttpRequest request, DurableTaskClient client) => Origin(request);

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
            IManagementUrls.ResultsUri(origin, instanceId));
    }

    /// <summary>The request's own origin: trustworthy only behind a check of its Host, as the local host makes.</summary>
    public static string Origin(HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}";
}
