using System.ComponentModel.DataAnnotations;

namespace PrimeFunctions.Api;

/// <summary>Settings of the service (section <c>Primes</c>; as environment variables <c>Primes__SegmentWidth</c> and so on).</summary>
public sealed class PrimesOptions
{
    public const string Section = "Primes";

    /// <summary>Width of a grid segment: the unit one activity sieves and one blob stores. Changing it starts a new cache.</summary>
    [Range(30_000UL, 4_000_000_000UL)]
    public ulong SegmentWidth { get; set; } = 100_000_000;

    /// <summary>Most tasks one orchestration schedules before it fans out through sub-orchestrations.</summary>
    [Range(2, 1000)]
    public int MaxTasksPerOrchestration { get; set; } = 100;

    /// <summary>Widest range (to − from + 1) one job may ask for.</summary>
    [Range(1UL, ulong.MaxValue)]
    public ulong MaxRangeWidth { get; set; } = 100_000_000_000;

    /// <summary>Most primes one JSON page may hold.</summary>
    [Range(1, 100_000)]
    public int MaxPageSize { get; set; } = 100_000;

    /// <summary>Seconds a client is asked to wait between two polls of a running job.</summary>
    [Range(1, 60)]
    public int RetryAfterSeconds { get; set; } = 2;
}
