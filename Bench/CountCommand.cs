using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using PrimeFunctions.CommandLine;
using PrimeFunctions.Engine.Counting;

namespace PrimeFunctions.Bench;

/// <summary>`count` and `nth`: time π(x) and the n-th prime in this process; prints the answer and the seconds as JSON.</summary>
internal static class CountCommand
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static Command CreateCount()
    {
        var x = new Argument<ulong>("x") { CustomParser = RangeArgument.Parser(0), Description = "Count the primes ≤ x (1e16, 2^64-1 are fine)." };
        var threads = new Option<int>("--threads", "-t") { DefaultValueFactory = _ => 1, Description = "Threads sharing the special leaves' intervals." };
        var alpha = new Option<double?>("--alpha") { Description = "y = α·∛x instead of the engine's own α (for tuning)." };
        var profile = new Option<int?>("--profile")
        {
            Description = "Time the base terms and each of this many intervals of the plan on one thread, one line each (how evenly the plan cuts the work).",
        };
        var command = new Command("count", "Time π(x) by the combinatorial method (the sieve below 10^8).") { x, threads, alpha, profile };
        command.SetAction(result =>
        {
            var parameters = result.GetValue(alpha) is { } a ? CountParameters.For(result.GetValue(x), a) : CountParameters.For(result.GetValue(x));
            if (result.GetValue(profile) is { } intervals)
            {
                Profile(parameters, intervals);
                return;
            }

            Report(result.GetValue(x), () => result.GetValue(x) < PrimeCount.SieveThreshold
                ? PrimeCount.Pi(result.GetValue(x))
                : PrimeCount.Combinatorial(parameters, result.GetValue(threads)));
        });
        return command;
    }

    private static void Profile(CountParameters parameters, int intervals)
    {
        var plan = PrimeCount.Plan(parameters, intervals);
        var watch = Stopwatch.StartNew();
        var baseTerms = PrimeCount.ComputeBase(plan.Parameters);
        Console.WriteLine(JsonSerializer.Serialize(new { part = "base", seconds = Math.Round(watch.Elapsed.TotalSeconds, 3) }, Json));
        var parts = new List<S2Partial>();
        foreach (var interval in plan.Intervals)
        {
            watch.Restart();
            parts.Add(PrimeCount.ComputeS2Interval(plan.Parameters, interval));
            Console.WriteLine(JsonSerializer.Serialize(new { part = $"[{interval.Low}, {interval.High})", seconds = Math.Round(watch.Elapsed.TotalSeconds, 3) }, Json));
        }

        Console.WriteLine(JsonSerializer.Serialize(new { x = plan.Parameters.X.ToString(), pi = PrimeCount.Combine(plan.Parameters, baseTerms, parts).ToString() }, Json));
    }

    public static Command CreateNth()
    {
        var n = new Argument<ulong>("n") { CustomParser = RangeArgument.Parser(1), Description = "Which prime (1 is 2)." };
        var threads = new Option<int>("--threads", "-t") { DefaultValueFactory = _ => 1, Description = "Threads for the π(x) inside." };
        var command = new Command("nth", "Time the n-th prime: an estimate, π there, then a short sieve.") { n, threads };
        command.SetAction(result => Report(result.GetValue(n), () => NthPrime.Find(result.GetValue(n), result.GetValue(threads))));
        return command;
    }

    private static void Report(ulong input, Func<ulong> compute)
    {
        var watch = Stopwatch.StartNew();
        var answer = compute();
        Console.WriteLine(JsonSerializer.Serialize(new CountReport(input.ToString(), answer.ToString(), Math.Round(watch.Elapsed.TotalSeconds, 3)), Json));
    }

    private sealed record CountReport(string Input, string Answer, double Seconds);
}
