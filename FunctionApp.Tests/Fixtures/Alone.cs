namespace PrimeFunctions.Tests.Fixtures;

/// <summary>
/// Classes that hold something to a duration (a cheap request under load, a restarted host finishing in time) run
/// after every other collection and alone, so that what they time is the service, not the tests beside it.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class Timed
{
    public const string Name = "Timed: alone, after the rest";
}
