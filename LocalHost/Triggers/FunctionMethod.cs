using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Extensions.Abstractions;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace PrimeFunctions.LocalHost.Triggers;

/// <summary>
/// One <c>[Function]</c> method of FunctionApp as the local host calls it: its name, its trigger, and a binding for
/// each of its parameters, chosen when the host starts — a parameter this host cannot bind stops it there, naming
/// the function. A call creates the declaring class through dependency injection, as the Functions worker does.
/// </summary>
public sealed class FunctionMethod
{
    private readonly Func<Invocation, object?>[] arguments;
    private readonly ObjectFactory? createTarget;
    private readonly PropertyInfo? taskResult;
    private readonly ParameterInfo? input;

    internal FunctionMethod(string name, MethodInfo method, ParameterInfo trigger, TriggerBindingAttribute triggerAttribute)
    {
        Name = name;
        Method = method;
        Trigger = trigger;
        TriggerAttribute = triggerAttribute;
        TriggerType = BindingType(triggerAttribute);
        createTarget = method.IsStatic ? null : ActivatorUtilities.CreateFactory(method.DeclaringType!, Type.EmptyTypes);
        (ResultType, taskResult) = Unwrap(method);
        var names = NamedValues();
        input = triggerAttribute is OrchestrationTriggerAttribute ? method.GetParameters().FirstOrDefault(IsUnbound) : null;
        arguments = method.GetParameters().Select(p => Binding(p, names)).ToArray();
        CheckTriggerShape();
    }

    /// <summary>The function's name, as <c>[Function]</c> gives it and <c>functions.metadata</c> lists it.</summary>
    public string Name { get; }

    public MethodInfo Method { get; }

    /// <summary>The parameter that carries the trigger attribute.</summary>
    public ParameterInfo Trigger { get; }

    public TriggerBindingAttribute TriggerAttribute { get; }

    /// <summary>The trigger's binding type as <c>functions.metadata</c> spells it: <c>httpTrigger</c>, <c>activityTrigger</c>, ...</summary>
    public string TriggerType { get; }

    /// <summary>What a call completes with: the method's return type, or the <c>T</c> of its <c>Task&lt;T&gt;</c>.</summary>
    public Type ResultType { get; }

    /// <summary>An orchestrator's input: its one parameter with no binding, as the Durable extension binds it; else none.</summary>
    public Type? InputType => input?.ParameterType;

    /// <summary>Calls the method with the arguments <paramref name="invocation"/> offers, and awaits what it returns.</summary>
    public async Task<object?> InvokeAsync(Invocation invocation)
    {
        invocation.Services.GetRequiredService<FunctionInvocations>().Record(Name);
        var target = createTarget?.Invoke(invocation.Services, []);
        var values = Array.ConvertAll(arguments, bind => bind(invocation));
        var returned = Method.Invoke(target, BindingFlags.DoNotWrapExceptions, binder: null, values, culture: null);
        if (returned is not Task task)
        {
            return returned;
        }

        await task;
        return taskResult?.GetValue(task);
    }

    private Func<Invocation, object?> Binding(ParameterInfo parameter, IReadOnlySet<string> names)
    {
        if (parameter == Trigger)
        {
            return invocation => invocation.Trigger;
        }

        if (parameter.ParameterType == typeof(CancellationToken))
        {
            return invocation => invocation.Cancellation;
        }

        if (parameter.GetCustomAttribute<DurableClientAttribute>() is not null && parameter.ParameterType == typeof(DurableTaskClient))
        {
            return invocation => invocation.Services.GetRequiredService<DurableTaskClient>();
        }

        if (parameter.ParameterType == typeof(string) && names.Contains(parameter.Name!))
        {
            return invocation => invocation.Value(parameter.Name!);
        }

        if (parameter == input)
        {
            return invocation => invocation.Input;
        }

        var more = TriggerAttribute switch
        {
            OrchestrationTriggerAttribute => ", and the orchestration's input (one parameter without a binding)",
            _ when names.Count > 0 => $", and strings named {string.Join(", ", names)}",
            _ => "",
        };
        throw new StartupProblem(
            $"Function {Name} ({Method.DeclaringType!.Name}.{Method.Name}): LocalHost cannot bind parameter '{parameter.Name}' of type " +
            $"{parameter.ParameterType.Name}. It binds the trigger, [DurableClient] DurableTaskClient, CancellationToken{more}.");
    }

    private void CheckTriggerShape()
    {
        var (expected, returns) = TriggerAttribute switch
        {
            HttpTriggerAttribute => (typeof(HttpRequest), typeof(IResult)),
            OrchestrationTriggerAttribute => (typeof(TaskOrchestrationContext), typeof(object)),
            TimerTriggerAttribute => (typeof(TimerInfo), typeof(object)),
            _ => (Trigger.ParameterType, typeof(object)),
        };
        if (Trigger.ParameterType != expected || !(returns == typeof(object) || returns.IsAssignableFrom(ResultType)))
        {
            throw new StartupProblem(
                $"Function {Name} ({Method.DeclaringType!.Name}.{Method.Name}): LocalHost calls a {TriggerType} function with a " +
                $"{expected.Name} trigger parameter{(returns == typeof(object) ? "" : $" that returns {returns.Name} or Task<{returns.Name}>")}.");
        }
    }

    // String parameters bound by name, as the Functions host binds them from trigger metadata.
    private IReadOnlySet<string> NamedValues() => TriggerAttribute switch
    {
        HttpTriggerAttribute http => Microsoft.AspNetCore.Routing.Patterns.RoutePatternFactory.Parse(http.Route ?? Name)
            .Parameters.Select(p => p.Name).ToHashSet(StringComparer.Ordinal),
        ActivityTriggerAttribute => new HashSet<string>(["instanceId"], StringComparer.Ordinal),
        _ => new HashSet<string>(),
    };

    // As the Durable extension picks an orchestrator's input: the first parameter that no binding or the worker fills.
    private static bool IsUnbound(ParameterInfo parameter) =>
        parameter.ParameterType != typeof(CancellationToken) && parameter.ParameterType != typeof(FunctionContext)
        && !parameter.GetCustomAttributes<BindingAttribute>().Any();

    private static (Type Result, PropertyInfo? TaskResult) Unwrap(MethodInfo method) => method.ReturnType switch
    {
        var t when t == typeof(Task) => (typeof(void), null),
        { IsGenericType: true } t when t.GetGenericTypeDefinition() == typeof(Task<>) => (t.GetGenericArguments()[0], t.GetProperty(nameof(Task<int>.Result))),
        var t when typeof(Task).IsAssignableFrom(t) || t == typeof(ValueTask) || (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(ValueTask<>)) =>
            throw new StartupProblem($"{method.DeclaringType!.Name}.{method.Name} returns {t.Name}: LocalHost calls functions that return a value, Task or Task<T>."),
        var t => (t, null),
    };

    // HttpTriggerAttribute → httpTrigger, as the Worker SDK names bindings in functions.metadata.
    private static string BindingType(BindingAttribute attribute)
    {
        var name = attribute.GetType().Name;
        return char.ToLowerInvariant(name[0]) + name[1..^"Attribute".Length];
    }
}
