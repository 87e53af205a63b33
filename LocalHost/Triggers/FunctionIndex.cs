using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Extensions.Abstractions;

namespace PrimeFunctions.LocalHost.Triggers;

/// <summary>
/// Every <c>[Function]</c> method of FunctionApp, found by reflection as the Worker SDK finds them for
/// <c>functions.metadata</c>: the one description of routes, orchestrators, activities and timers that both hosts
/// load. Adding a function to FunctionApp adds it here; the local host supports the triggers FunctionApp uses.
/// </summary>
public sealed class FunctionIndex
{
    private FunctionIndex(IReadOnlyList<FunctionMethod> functions) => Functions = functions;

    public IReadOnlyList<FunctionMethod> Functions { get; }

    public IEnumerable<FunctionMethod> Http => OfTrigger<HttpTriggerAttribute>();
    public IEnumerable<FunctionMethod> Orchestrators => OfTrigger<OrchestrationTriggerAttribute>();
    public IEnumerable<FunctionMethod> Activities => OfTrigger<ActivityTriggerAttribute>();
    public IEnumerable<FunctionMethod> Timers => OfTrigger<TimerTriggerAttribute>();

    /// <summary>The functions of <paramref name="functionApp"/>; a trigger or parameter this host cannot run stops it here.</summary>
    public static FunctionIndex Load(Assembly functionApp) => Load(functionApp.GetTypes());

    internal static FunctionIndex Load(IEnumerable<Type> classes)
    {
        var functions = new List<FunctionMethod>();
        foreach (var method in classes.SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static)))
        {
            if (method.GetCustomAttribute<FunctionAttribute>() is not { } function)
            {
                continue;
            }

            var triggers = method.GetParameters()
                .SelectMany(p => p.GetCustomAttributes<TriggerBindingAttribute>().Select(a => (Parameter: p, Attribute: a)))
                .ToList();
            if (triggers.Count != 1)
            {
                throw new StartupProblem($"Function {function.Name} ({method.DeclaringType!.Name}.{method.Name}) has {triggers.Count} trigger parameters; a function has one.");
            }

            var (parameter, trigger) = triggers[0];
            if (trigger is not (HttpTriggerAttribute or OrchestrationTriggerAttribute or ActivityTriggerAttribute or TimerTriggerAttribute))
            {
                throw new StartupProblem($"Function {function.Name}: LocalHost does not run {trigger.GetType().Name}; it runs HTTP, orchestration, activity and timer triggers.");
            }

            functions.Add(new FunctionMethod(function.Name, method, parameter, trigger));
        }

        var twice = functions.GroupBy(f => f.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null)
        {
            throw new StartupProblem($"Two functions are named {twice.Key}; function names are unique.");
        }

        return new FunctionIndex(functions);
    }

    private IEnumerable<FunctionMethod> OfTrigger<T>() where T : TriggerBindingAttribute => Functions.Where(f => f.TriggerAttribute is T);
}
