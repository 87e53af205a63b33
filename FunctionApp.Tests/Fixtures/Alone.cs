namespace PrimeFunctions.Tests.Fixtures;

/// <summary>
/// Classes that run after every other collection and alone: the one that holds cheap requests to a duration under a
/// flood of heavy ones, so that what it times is the service, not the tests beside it, the one that builds LocalHost,
/// whose output every other class starts from, and the official client's, whose suspend can be lost on a busy machine
/// (see <see cref="DurableClient.OfficialClientTests"/>).
/// </summary>
/// <remarks>
/// Every other integration class is a collection of its own and runs beside the others (xunit.runner.json): each
/// starts its Azurite, its host or its fleet of workers on ports and task hubs of its own, so what one stores or lists
/// is its own. Light classes that need no storage to themselves share one service: <see cref="SharedService"/>. The
/// long ones start first (<see cref="LongestFirst"/>).
/// </remarks>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class Alone
{
    public const string Name = "Alone: after the rest";
}
