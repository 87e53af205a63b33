using System.Text.Json;

namespace PrimeFunctions.LocalHost;

/// <summary>
/// Reads the <c>Values</c> of <c>FunctionApp/local.settings.json</c> as configuration, the way <c>func start</c>
/// does, so both hosts take their settings from the same file. <c>A__B</c> keys become <c>A:B</c>.
/// </summary>
public static class LocalSettingsSource
{
    public static IEnumerable<KeyValuePair<string, string?>> Read(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        using var document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        if (!document.RootElement.TryGetProperty("Values", out var values) || values.ValueKind != JsonValueKind.Object)
        {
            return [];
        }

        return values.EnumerateObject()
            .Select(p => KeyValuePair.Create(p.Name.Replace("__", ":", StringComparison.Ordinal), p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : p.Value.GetRawText()))
            .ToList();
    }
}
