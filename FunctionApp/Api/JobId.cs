using System.Globalization;

namespace PrimeFunctions.Api;

/// <summary>
/// A range job's instance id is its canonical range, so the same range asked twice is the same job.
/// </summary>
public static class JobId
{
    private const string Prefix = "primes-";

    public static string For(ulong from, ulong to) =>
        string.Create(CultureInfo.InvariantCulture, $"{Prefix}{from}-{to}");

    /// <summary>True when <paramref name="id"/> is exactly the canonical id of some range.</summary>
    public static bool IsWellFormed(string id)
    {
        if (!id.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var bounds = id.AsSpan(Prefix.Length);
        var dash = bounds.IndexOf('-');
        return dash > 0
            && DecimalUInt64.TryParse(bounds[..dash], out var from)
            && DecimalUInt64.TryParse(bounds[(dash + 1)..], out var to)
            && from <= to
            && For(from, to) == id;
    }
}
