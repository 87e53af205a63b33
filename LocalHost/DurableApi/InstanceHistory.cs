using System.Text.Json.Nodes;
using DurableTask.AzureStorage;
using DurableTask.Core;
using DurableTask.Core.History;

namespace PrimeFunctions.LocalHost.DurableApi;

/// <summary>
/// An instance's history as the extension's status route shows it with <c>showHistory=true</c>. The Durable Task
/// client has no history call, so it is read from the Azure Storage provider's history table, as the extension
/// reads it, and shaped as the extension shapes it: event types by name, each task's scheduling folded into its
/// completion (<c>FunctionName</c>, <c>ScheduledTime</c>), the orchestrator's own start/stop steps left out, results
/// only with <c>showHistoryOutput=true</c> and inputs only while <c>showInput</c> holds.
/// </summary>
public sealed class InstanceHistory(AzureStorageOrchestrationService store)
{
    public async Task<JsonArray> ReadAsync(string instanceId, bool showHistoryOutput, bool showInput)
    {
        var stored = await store.GetOrchestrationHistoryAsync(instanceId, executionId: null);
        var events = string.IsNullOrEmpty(stored) ? [] : JsonNode.Parse(stored)!.AsArray();
        var scheduled = new Dictionary<(EventType, int), JsonObject>();
        var shown = new JsonArray();
        foreach (var item in events.OfType<JsonObject>().ToList())
        {
            events.Remove(item);
            var type = TypeOf(item);
            item["EventType"] = type.ToString();
            switch (type)
            {
                case EventType.OrchestratorStarted or EventType.OrchestratorCompleted:
                    continue;
                case EventType.TaskScheduled or EventType.SubOrchestrationInstanceCreated:
                    scheduled[(type, (int?)item["EventId"] ?? -1)] = item;
                    item.Remove("Version");
                    break;
                case EventType.TaskCompleted or EventType.TaskFailed:
                    FoldScheduling(item, scheduled, EventType.TaskScheduled, showInput, shown);
                    KeepResultIf(item, showHistoryOutput || type == EventType.TaskFailed);
                    break;
                case EventType.SubOrchestrationInstanceCompleted or EventType.SubOrchestrationInstanceFailed:
                    FoldScheduling(item, scheduled, EventType.SubOrchestrationInstanceCreated, showInput, shown);
                    KeepResultIf(item, showHistoryOutput || type == EventType.SubOrchestrationInstanceFailed);
                    break;
                case EventType.ExecutionStarted:
                    item["FunctionName"] = item["Name"]?.DeepClone();
                    item.Remove("Name");
                    item.Remove("OrchestrationInstance");
                    item.Remove("ParentInstance");
                    item.Remove("Version");
                    item.Remove("Tags");
                    break;
                case EventType.ExecutionCompleted:
                    if (item["OrchestrationStatus"] is JsonValue status && status.TryGetValue(out int code))
                    {
                        item["OrchestrationStatus"] = ((OrchestrationStatus)code).ToString();
                    }

                    KeepResultIf(item, showHistoryOutput);
                    break;
                case EventType.TimerFired:
                    item.Remove("TimerId");
                    break;
            }

            if (!showInput)
            {
                item.Remove("Input");
            }

            item.Remove("EventId");
            item.Remove("IsPlayed");
            shown.Add(item);
        }

        return shown;
    }

    private static EventType TypeOf(JsonObject item) => item["EventType"] switch
    {
        JsonValue value when value.TryGetValue(out int code) => (EventType)code,
        JsonValue value when Enum.TryParse<EventType>(value.ToString(), out var named) => named,
        _ => EventType.GenericEvent,
    };

    // A finished task shows once, where it finished; one still running keeps its scheduling event.
    private static void FoldScheduling(
        JsonObject item, Dictionary<(EventType, int), JsonObject> scheduled, EventType scheduling, bool showInput, JsonArray shown)
    {
        var id = (int?)item["TaskScheduledId"] ?? -1;
        item.Remove("TaskScheduledId");
        if (scheduled.Remove((scheduling, id), out var origin))
        {
            shown.Remove(origin);
            item["ScheduledTime"] = origin["Timestamp"]?.DeepClone();
            item["FunctionName"] = origin["Name"]?.DeepClone();
            if (showInput)
            {
                item["Input"] = origin["Input"]?.DeepClone();
            }
        }
    }

    // The extension shows a result as JSON when it is JSON, and leaves it out unless output was asked for.
    private static void KeepResultIf(JsonObject item, bool keep)
    {
        if (!keep)
        {
            item.Remove("Result");
        }
        else if (item["Result"] is JsonValue result && result.TryGetValue(out string? text))
        {
            item["Result"] = InstanceStatusPayload.Lenient(text);
        }
    }
}
