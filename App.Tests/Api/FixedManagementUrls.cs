using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;

namespace PrimeFunctions.App.Tests.Api;

/// <summary>Management URLs under one fixed origin: the handlers under test only place them in answers.</summary>
internal sealed class FixedManagementUrls : IManagementUrls
{
    private const string Base = "http://127.0.0.1:7071";

    public string Origin(HttpRequest request, DurableTaskClient client) => Base;

    public ManagementPayload Create(HttpRequest request, DurableTaskClient client, string instanceId)
    {
        var instance = $"{Base}/runtime/webhooks/durabletask/instances/{instanceId}";
        return new ManagementPayload(instanceId, instance, instance, instance, instance, instance, instance, IManagementUrls.ResultsUri(Base, instanceId));
    }
}
