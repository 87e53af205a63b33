using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace PrimeFunctions.Api;

/// <summary>
/// A range job's instance id is its canonical range, so the same range asked twice is the same job.
/// </summary>
public static class JobId
{
    public const string Prefix = "primes-";

    public static string For(ulong from, ulong to) =>
        string.Create(CultureInfo.InvariantCulture, $"{Prefix}{from}-{to}");

    /// <summary>The errors of a request to a route that names a job and takes no query parameters.</summary>
    public static Dictionary<string, string[]> CheckRoute(HttpRequest request, string id)
    {
        var errors = new Dictionary<string, string[]>();
        QueryRules.Check(request, [], errors);
        if (!IsWellFormed(id))
        {
            errors["id"] = ["must be a range job id such as 'primes-0-1000': 'primes-', then from, '-', to, in canonical decimal."];
        }

        return errors;
    }

    /// <summary>True when <paramref name="id"/> is exactly the canonical id of some range.</summary>
    public static bool IsWellFormed(string id) => IsRangeWithPrefix(id, Prefix);

    /// <summary>True when <paramref name="id"/> is <paramref name="prefix"/>, then a range's from, '-', to in canonical decimal.</summary>
    public static bool IsRangeWithPrefix(string id, string prefix)
    {
        if (!id.StartsWith(prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var bounds = id.AsSpan(prefix.Length);
        var dash = bounds.IndexOf('-');
        return dash > 0
            && DecimalUInt64.TryParse(bounds[..dash], out var from)
            && DecimalUInt64.TryParse(bounds[(dash + 1)..], out var to)
            && from <= to
            && string.Create(CultureInfo.InvariantCulture, $"{prefix}{from}-{to}") == id;
    }
}
