using Microsoft.AspNetCore.Http;

namespace PrimeFunctions.Api;

/// <summary>
/// Query-string rules the newer routes share: only the parameters a route names (and the Functions key <c>code</c>)
/// are accepted, each at most once.
/// </summary>
public static class QueryRules
{
    public const string FunctionKey = "code";

    /// <summary>Adds an error for every query parameter the route does not know, and for every one given twice.</summary>
    public static void Check(HttpRequest request, IReadOnlyCollection<string> known, Dictionary<string, string[]> errors)
    {
        foreach (var (name, values) in request.Query)
        {
            if (name != FunctionKey && !known.Contains(name))
            {
                errors[name] = [known.Count == 0
                    ? "is not a parameter of this route; it takes none."
                    : $"is not a parameter of this route; use {string.Join(", ", known.Select(k => $"'{k}'"))}."];
            }
            else if (values.Count > 1)
            {
                errors[name] = ["must be given once."];
            }
        }
    }

    /// <summary>The single value of a parameter, or null when it is absent or was given more than once.</summary>
    public static string? Single(HttpRequest request, string name) =>
        request.Query[name] is { Count: 1 } values ? values[0] : null;
}
