using System.Reflection;
using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PrimeFunctions.Api;
using PrimeFunctions.Orchestration;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace PrimeFunctions.Tests.Api;

/// <summary>
/// Every value the service writes as JSON — response bodies, durable inputs, outputs and custom status — has
/// source-generated metadata in the one context (<c>PrimesJsonContext</c>), and both the durable data converter and the
/// handlers' serializer take it from there: a type added to a function or a response without being declared fails here.
/// </summary>
public sealed class WireJsonTests
{
    // The durable options are the context's own: its metadata and nothing else, so an undeclared type is refused.
    private static readonly JsonSerializerOptions Durable = DurableJson.Options;

    // Orchestrator custom status and the is-prime progress event: the values durable history holds besides inputs and outputs.
    private static readonly Type[] StatusTypes = [typeof(JobProgress), typeof(CountProgress), typeof(IsPrimeProgress)];

    public static TheoryData<string> DurableTypes() => [.. FunctionValueTypes().Concat(StatusTypes).Select(t => t.AssemblyQualifiedName!).Distinct()];

    public static TheoryData<string> ResponseTypes() =>
        [.. OpenApiDocument.ResponseTypes.Values.Concat([typeof(CountingJobResponse), typeof(StoppingJob)]).Select(t => t.AssemblyQualifiedName!)];

    [Fact]
    public void An_undeclared_type_is_refused_rather_than_written_by_reflection()
    {
        var error = Assert.Throws<NotSupportedException>(() => JsonSerializer.Serialize(new Undeclared(1), Durable));

        Assert.Contains(nameof(Undeclared), error.Message);
        Assert.Equal("{\"value\":1}", JsonSerializer.Serialize(new Undeclared(1), JsonSerializerOptions.Web));
    }

    [Fact]
    public void Every_orchestrator_and_activity_of_the_functions_host_is_found()
    {
        // The reflection below must see the functions it checks, or the theory over them would check nothing.
        Assert.Contains(typeof(RangeJob), FunctionValueTypes());
        Assert.Contains(typeof(SegmentResult[]), FunctionValueTypes());
        Assert.True(FunctionValueTypes().Count() >= 15, string.Join(", ", FunctionValueTypes()));
    }

    [Theory]
    [MemberData(nameof(DurableTypes))]
    public void A_durable_value_is_written_by_the_context(string typeName)
    {
        var type = Type.GetType(typeName, throwOnError: true)!;

        var metadata = Durable.GetTypeInfo(type);

        Assert.Same(Durable, metadata.Options);
        Assert.Same(Durable.TypeInfoResolver, metadata.OriginatingResolver);
    }

    [Theory]
    [MemberData(nameof(ResponseTypes))]
    public void A_response_body_is_written_by_the_context(string typeName)
    {
        var type = Type.GetType(typeName, throwOnError: true)!;
        var http = new ServiceCollection().AddPrimeFunctions(new ConfigurationBuilder().Build()).BuildServiceProvider()
            .GetRequiredService<IOptions<HttpJsonOptions>>().Value.SerializerOptions;

        Assert.Same(Durable.TypeInfoResolver, http.TypeInfoResolverChain[0]);
        Assert.NotNull(http.TypeInfoResolverChain[0].GetTypeInfo(type, http));
        Assert.Same(Durable.TypeInfoResolver, http.GetTypeInfo(type).OriginatingResolver);
    }

    // Each orchestrator's input and output, each activity's input and output, as the functions host declares them.
    private static IEnumerable<Type> FunctionValueTypes() =>
        typeof(Functions.OrchestrationFunctions).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .SelectMany(m => InputsOf(m).Concat(InputsOf(m).Any() ? [m.ReturnType] : []))
            .Select(t => t.IsGenericType && t.GetGenericTypeDefinition() == typeof(Task<>) ? t.GetGenericArguments()[0] : t)
            .Select(t => Nullable.GetUnderlyingType(t) ?? t)
            .Where(t => t != typeof(Task))
            .Distinct();

    // An orchestrator's input is the parameter after its context; an activity's is its trigger parameter.
    private static IEnumerable<Type> InputsOf(MethodInfo function)
    {
        var parameters = function.GetParameters();
        return parameters.Any(p => p.IsDefined(typeof(OrchestrationTriggerAttribute)))
            ? parameters.Skip(1).Select(p => p.ParameterType)
            : parameters.Where(p => p.IsDefined(typeof(ActivityTriggerAttribute))).Select(p => p.ParameterType);
    }

    private sealed record Undeclared(int Value);
}
