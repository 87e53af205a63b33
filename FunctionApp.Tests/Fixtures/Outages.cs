namespace PrimeFunctions.Tests.Fixtures;

/// <summary>
/// Classes that stop storage, kill hosts or fail activities on purpose and then wait for the service to recover: they
/// mostly wait (outages, retry back-off, queue visibility), so they run beside the other collections, one class at a
/// time, each test on an Azurite or a task hub of its own.
/// </summary>
[CollectionDefinition(Name)]
public sealed class Outages
{
    public const string Name = "Outages: stopped storage, killed hosts, failing activities";
}
