namespace PrimeFunctions.Tests.Fixtures;

/// <summary>
/// Light classes that need storage to themselves — they list every job, sweep everything past a cutoff, or check
/// that nothing at all was created — each with a fixture of its own (<c>IClassFixture</c>), one class at a time.
/// </summary>
[CollectionDefinition(Name)]
public sealed class OwnStorage
{
    public const string Name = "Light: storage of each class's own";
}
