using System.Text.Json;

namespace PrimeFunctions.Api;

/// <summary>How a body that is not JSON is reported: in the service's own words, with where the reader stopped.</summary>
public static class JsonRules
{
    public static string NotValid(JsonException exception, string expected) =>
        exception.BytePositionInLine is { } position
            ? $"is not valid JSON (it breaks off at byte {position + 1} of line {exception.LineNumber + 1}); send {expected}."
            : $"is not valid JSON; send {expected}.";
}
