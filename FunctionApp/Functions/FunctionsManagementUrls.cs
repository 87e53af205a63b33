using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using PrimeFunctions.Api;

namespace PrimeFunctions.Functions;

/// <summary>Management URLs as the Functions host publishes them: its own base URL and system key.</summary>
public sealed class FunctionsManagementUrls : IManagementUrls
{
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
            RequestManagementUrls.ResultsUri(RequestManagementUrls.Origin(request), instanceId));
    }
}
