namespace PrimeFunctions.Tests.Fixtures;

/// <summary>
/// The test classes that start an Azurite (and a host) of their own run one at a time, though not in step with the
/// rest: two services sieving at once on a 2-core machine would make the timings some tests hold to flaky.
/// </summary>
[CollectionDefinition(Name)]
public sealed class Serial
{
    public const string Name = "Azurite-backed classes, one at a time";
}
