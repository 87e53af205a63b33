using Xunit.Abstractions;

[assembly: TestCollectionOrderer("PrimeFunctions.Tests.Fixtures.LongestFirst", "FunctionApp.Tests")]

namespace PrimeFunctions.Tests.Fixtures;

/// <summary>
/// Marks a test class (or a collection's definition) that takes a minute or more, most of it waiting: restarts,
/// outages, redelivery after a visibility timeout. <see cref="LongestFirst"/> starts these first, the longest first.
/// </summary>
/// <param name="seconds">About how long the class takes in a full parallel run on 2 cores; only the order matters.</param>
[AttributeUsage(AttributeTargets.Class)]
public sealed class LongRunningAttribute(int seconds) : Attribute
{
    public int Seconds { get; } = seconds;
}

/// <summary>
/// Starts the collections marked <see cref="LongRunningAttribute"/> before the rest, the longest first. Only so many
/// collections run at once (xunit.runner.json), and the run ends when its last collection does: a long one started
/// late would run on alone at the end, while short ones can fill the gaps beside the long ones.
/// </summary>
public sealed class LongestFirst : ITestCollectionOrderer
{
    // A class without a [Collection] is a collection of its own, which the runner names after the class.
    private const string OwnCollection = "Test collection for ";

    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        testCollections.OrderByDescending(Seconds).ThenBy(c => c.DisplayName, StringComparer.Ordinal);

    private static int Seconds(ITestCollection collection)
    {
        var type = collection.CollectionDefinition
            ?? (collection.DisplayName.StartsWith(OwnCollection, StringComparison.Ordinal)
                ? collection.TestAssembly.Assembly.GetType(collection.DisplayName[OwnCollection.Length..])
                : null);
        return type?.GetCustomAttributes(typeof(LongRunningAttribute)).FirstOrDefault()?.GetConstructorArguments().Single() is int seconds ? seconds : 0;
    }
}
