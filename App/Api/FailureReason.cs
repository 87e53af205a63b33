using System.Text.Json;
using Microsoft.DurableTask.Client;

namespace PrimeFunctions.Api;

/// <summary>
/// Why a job failed, in one line, as the durable runtime recorded it: its failure details where the backend fills
/// them in, otherwise the output it stored for the failure (the Azure Storage provider keeps the reason there).
/// </summary>
public static class FailureReason
{
    public static string? Of(OrchestrationMetadata instance)
    {
        if (instance.RuntimeStatus != OrchestrationRuntimeStatus.Failed)
        {
            return null;
        }

        if (instance.FailureDetails is { } details)
        {
            return details.ErrorMessage;
        }

        var output = instance.SerializedOutput;
        if (string.IsNullOrWhiteSpace(output))
        {
            return "The job failed; the runtime recorded no reason.";
        }

        try
        {
            using var json = JsonDocument.Parse(output);
            return json.RootElement switch
            {
                { ValueKind: JsonValueKind.String } text => text.GetString(),
                { ValueKind: JsonValueKind.Object } failure when failure.TryGetProperty("ErrorMessage", out var message) => message.GetString(),
                _ => output,
            };
        }
        catch (JsonException)
        {
            return output;
        }
    }
}
