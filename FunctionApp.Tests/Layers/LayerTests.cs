using System.Reflection;
using NetArchTest.Rules;
using PrimeFunctions.LocalHost;

namespace PrimeFunctions.Tests.Layers;

/// <summary>
/// Dependencies run one way: hosts → app → engine, and inside the app HTTP handlers → orchestration → storage.
/// Project references already forbid a cycle between projects; these tests catch what they cannot: a package that
/// brings Azure or ASP.NET into the engine, a Functions package in the app, and a wrong-way arrow between the app's
/// layers, which share one assembly.
/// </summary>
public sealed class LayerTests
{
    private static readonly Assembly Engine = typeof(PrimeFunctions.Engine.SegmentSieve).Assembly;
    private static readonly Assembly App = typeof(ServiceRegistration).Assembly;
    private static readonly Assembly FunctionsHost = typeof(Functions.PrimesHttpFunctions).Assembly;
    private static readonly Assembly LocalHost = typeof(LocalHostApp).Assembly;

    [Fact]
    public void The_engine_references_nothing_but_the_dotnet_runtime()
    {
        var references = Engine.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        Assert.NotEmpty(references);
        Assert.All(references, name => Assert.True(name is "netstandard" or "mscorlib" || name.StartsWith("System", StringComparison.Ordinal), name));
    }

    [Fact]
    public void The_app_references_the_engine_and_no_host()
    {
        var references = App.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        Assert.Contains(Engine.GetName().Name!, references);
        Assert.DoesNotContain(FunctionsHost.GetName().Name!, references);
        Assert.DoesNotContain(LocalHost.GetName().Name!, references);
        Assert.DoesNotContain(references, name => name.StartsWith("Microsoft.Azure.Functions", StringComparison.Ordinal));
        Assert.DoesNotContain(references, name => name.StartsWith("Microsoft.DurableTask.Worker", StringComparison.Ordinal));
    }

    [Fact]
    public void Hosts_reference_the_app()
    {
        Assert.Contains(App.GetName().Name!, FunctionsHost.GetReferencedAssemblies().Select(a => a.Name));
        Assert.Contains(App.GetName().Name!, LocalHost.GetReferencedAssemblies().Select(a => a.Name));
    }

    [Theory]
    [InlineData("PrimeFunctions.Storage", new[] { "PrimeFunctions.Orchestration", "PrimeFunctions.Api" })]
    [InlineData("PrimeFunctions.Orchestration", new[] { "PrimeFunctions.Api" })]
    public void App_layers_depend_only_on_the_layers_below(string layer, string[] above)
    {
        var result = Types.InAssembly(App).That().ResideInNamespace(layer).ShouldNot().HaveDependencyOnAny(above).GetResult();

        Assert.True(result.IsSuccessful, $"{layer} uses {string.Join(", ", above)} in: {string.Join(", ", result.FailingTypeNames ?? [])}");
    }

    [Fact]
    public void Nothing_in_the_app_depends_on_a_host_namespace()
    {
        var result = Types.InAssembly(App).ShouldNot().HaveDependencyOnAny("PrimeFunctions.Functions", "PrimeFunctions.LocalHost").GetResult();

        Assert.True(result.IsSuccessful, string.Join(", ", result.FailingTypeNames ?? []));
    }
}
