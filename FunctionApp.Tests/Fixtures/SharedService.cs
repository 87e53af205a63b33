namespace PrimeFunctions.Tests.Fixtures;

/// <summary>
/// One Azurite and one local host for many light classes, one class at a time: each starts the service at the cost of
/// several seconds, and each works in ranges (and is-prime numbers) of its own, so what one leaves behind — cached
/// segments, finished jobs — changes nothing another asserts. A class here takes <see cref="ServiceFixture"/> in its
/// constructor and declares no class fixture of it.
/// </summary>
[CollectionDefinition(Name)]
public sealed class SharedService : ICollectionFixture<ServiceFixture>
{
    public const string Name = "Light: one shared service";
}
