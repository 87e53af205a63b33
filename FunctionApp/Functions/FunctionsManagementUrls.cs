using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using PrimeFunctions.Api;

namespace PrimeFunctions.Functions;

/// <summary>
/// Management URLs as the Functions host publishes them: its own base URL and system key, which the extension
/// holds from the host's configuration — never from the caller's Host header.
/// </summary>
public sealed class FunctionsManagementUrls : IManagementUrls
{
    public string Origin(HttpRequest request, DurableTaskClient client) => OriginOf(client.CreateHttpManagementPayload("origin"));

    public ManagementPayload Create(HttpRequest request, DurableTaskClient client, string instanceId)
    {
        var payload = client.CreateHttpManagementPayload(instanceId);
        return new ManagementPayload(
            instanceId,
            payload.StatusQueryGetUri!,
            payload.SendEventPostUri!,
            payload.TerminatePostUri!,
            payload.PurgeHistoryDeleteUri!,
            payload.SuspendPostUri!,
            payload.ResumePostUri!,
            IManagementUrls.ResultsUri(OriginOf(payload), instanceId));
    }

    private static string OriginOf(HttpManagementPayload payload) => new Uri(payload.StatusQueryGetUri!).GetLeftPart(UriPartial.Authority);
}
