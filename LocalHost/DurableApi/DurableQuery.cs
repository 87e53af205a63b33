using System.Globalization;
using Microsoft.DurableTask.Client;
using PrimeFunctions.Api;

namespace PrimeFunctions.LocalHost.DurableApi;

/// <summary>
/// The query values of the built-in routes, read as the extension reads them (booleans, ISO 8601 times, status
/// names, comma-separated), except that a value it would silently ignore is refused here with a 400 naming the
/// parameter, so a typo does not widen a list or a purge.
/// </summary>
public sealed class DurableQuery(HttpRequest request)
{
    private readonly Dictionary<string, string[]> errors = new(StringComparer.Ordinal);

    /// <summary>The problem to answer with, once every value was read; null when all were valid.</summary>
    public IResult? Problem => errors.Count == 0 ? null : Problems.Validation(errors);

    public bool Flag(string name, bool absent)
    {
        var text = Text(name);
        if (text is null)
        {
            return absent;
        }

        if (bool.TryParse(text, out var value))
        {
            return value;
        }

        errors[name] = ["must be true or false."];
        return absent;
    }

    public DateTimeOffset? Time(string name)
    {
        var text = Text(name);
        if (text is null)
        {
            return null;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value))
        {
            return value;
        }

        errors[name] = ["must be a date and time in ISO 8601 form, e.g. 2026-12-07T00:00:00Z."];
        return null;
    }

    public int? PositiveInteger(string name)
    {
        var text = Text(name);
        if (text is null)
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0)
        {
            return value;
        }

        errors[name] = ["must be a positive integer."];
        return null;
    }

    /// <summary>Seconds as the extension's <c>timeout</c> and <c>pollingInterval</c> take them: a non-negative number.</summary>
    public TimeSpan? Seconds(string name)
    {
        var text = Text(name);
        if (text is null)
        {
            return null;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value is >= 0 and <= 3600)
        {
            return TimeSpan.FromSeconds(value);
        }

        errors[name] = ["must be a number of seconds from 0 to 3600."];
        return null;
    }

    public IReadOnlyList<OrchestrationRuntimeStatus> Statuses(string name)
    {
        var statuses = new List<OrchestrationRuntimeStatus>();
        foreach (var part in request.Query[name].SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            if (Enum.TryParse<OrchestrationRuntimeStatus>(part, ignoreCase: true, out var status) && Enum.IsDefined(status))
            {
                statuses.Add(status);
            }
            else
            {
                errors[name] = [$"'{Problems.Excerpt(part)}' is not one of {string.Join(", ", Enum.GetNames<OrchestrationRuntimeStatus>())}."];
            }
        }

        return statuses;
    }

    public string? Text(string name) => request.Query[name] is { Count: > 0 } values ? values[^1] : null;

    public void Refuse(string name, string rule) => errors[name] = [rule];
}
