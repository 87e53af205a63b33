namespace PrimeFunctions.Tests.Fixtures;

/// <summary>
/// The CPU-heavy integration classes — they sieve or merge 10^9 numbers and more, or start several hosts — one at a
/// time. The collections themselves run one after another (xunit.runner.json): side by side on a 2-core machine they
/// starved each other's deadlines.
/// </summary>
/// <remarks>
/// Where a new integration class goes: a light one that can share a host (its own ranges, no listing or sweeping of
/// everything) into <see cref="SharedService"/>; one that needs storage to itself into <see cref="OwnStorage"/>; one
/// that stops storage or kills a host and waits for recovery into <see cref="Outages"/>; one that asserts how long
/// something took into <see cref="Timed"/>; a heavy one, or when in doubt, here.
/// </remarks>
[CollectionDefinition(Name)]
public sealed class Serial
{
    public const string Name = "Heavy: wide sieves and merges, one class at a time";
}
