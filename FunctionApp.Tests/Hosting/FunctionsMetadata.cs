using System.Text.Json;

namespace PrimeFunctions.Tests.Hosting;

/// <summary>
/// <c>functions.metadata</c>, which the Worker SDK writes from FunctionApp's <c>[Function]</c> methods at build time
/// and the Functions host reads to know what to load; it is copied beside the test binaries with FunctionApp.
/// </summary>
internal static class FunctionsMetadata
{
    /// <summary>One function as the Functions host would load it: its trigger, for HTTP its route and methods, for a timer its schedule.</summary>
    public sealed record Function(string Name, string TriggerType, string? Route, string[] Methods, string? Schedule)
    {
        public override string ToString() =>
            $"{Name} {TriggerType} {Route} {string.Join(',', Methods.Order())} {Schedule}".TrimEnd();
    }

    public static IReadOnlyList<Function> Read()
    {
        using var file = File.OpenRead(Path.Combine(AppContext.BaseDirectory, "functions.metadata"));
        return JsonDocument.Parse(file).RootElement.EnumerateArray().Select(function =>
        {
            var trigger = function.GetProperty("bindings").EnumerateArray()
                .Single(b => b.GetProperty("type").GetString()!.EndsWith("Trigger", StringComparison.Ordinal));
            return new Function(
                function.GetProperty("name").GetString()!,
                trigger.GetProperty("type").GetString()!,
                Text(trigger, "route"),
                trigger.TryGetProperty("methods", out var methods) ? methods.EnumerateArray().Select(m => m.GetString()!.ToUpperInvariant()).ToArray() : [],
                Text(trigger, "schedule"));
        }).ToList();
    }

    /// <summary>Each HTTP function's operations as <c>GET /api/primes/{id}</c>, in order.</summary>
    public static IEnumerable<string> HttpOperations() => Read()
        .Where(f => f.TriggerType == "httpTrigger")
        .SelectMany(f => f.Methods.Select(method => $"{method} /api/{f.Route}"))
        .Order();

    private static string? Text(JsonElement binding, string name) => binding.TryGetProperty(name, out var value) ? value.GetString() : null;
}
