using System.Globalization;
using PrimeFunctions.Engine.Counting;

namespace PrimeFunctions.Api;

/// <summary>
/// The kinds of job the job list shows, each told by its id's prefix: <c>range</c> (<c>primes-&lt;from&gt;-&lt;to&gt;</c>),
/// <c>count</c> (<c>count-&lt;from&gt;-&lt;to&gt;</c>) and <c>nth</c> (<c>nth-prime-&lt;n&gt;</c>).
/// </summary>
public sealed record JobKind(string Name, string Prefix)
{
    public static readonly JobKind Range = new("range", JobId.Prefix);
    public static readonly JobKind Count = new("count", CountJobHandler.JobPrefix);
    public static readonly JobKind Nth = new("nth", NthPrimeHandler.JobPrefix);

    public static readonly IReadOnlyList<JobKind> Listed = [Range, Count, Nth];

    /// <summary>The kind of job whose canonical id <paramref name="id"/> is; null for any other id.</summary>
    public static JobKind? Of(string id) => Listed.FirstOrDefault(kind => kind.Names(id));

    /// <summary>True when <paramref name="id"/> is exactly the canonical id of a job of this kind.</summary>
    public bool Names(string id)
    {
        if (this != Nth)
        {
            return JobId.IsRangeWithPrefix(id, Prefix);
        }

        return id.StartsWith(Prefix, StringComparison.Ordinal)
            && DecimalUInt64.TryParse(id.AsSpan(Prefix.Length), out var n)
            && n is >= 1 and <= NthPrime.MaxN
            && string.Create(CultureInfo.InvariantCulture, $"{Prefix}{n}") == id;
    }
}
