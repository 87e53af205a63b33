using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using PrimeFunctions.CommandLine;
using PrimeFunctions.Orchestration;
using Spectre.Console;

namespace PrimeFunctions.Cli;

/// <summary><c>primes count from to</c> and <c>primes nth n</c>: start (or join) the job, wait for it, print the answer.</summary>
internal static class CountCommands
{
    public static IEnumerable<(Command, CommandRun)> Create()
    {
        var from = new Argument<ulong>("from") { Description = "Low end, inclusive (0, 1e18, 2^64-1e5).", CustomParser = RangeArgument.Parser(0) };
        var to = new Argument<ulong>("to") { Description = "High end, inclusive.", CustomParser = RangeArgument.Parser(0) };
        var count = new Command("count", "Count the primes in [from, to], any width (the sieve when narrow, π(to) − π(from − 1) otherwise).") { from, to };
        yield return (count, (session, result, cancellationToken) => RunAsync(
            session,
            "/api/counts",
            new Dictionary<string, string> { ["from"] = Text(result.GetValue(from)), ["to"] = Text(result.GetValue(to)) },
            PrimesJsonContext.Default.CountResult,
            output => $"{output.Count} primes in [{output.From}, {output.To}] ({output.Method})",
            cancellationToken));

        var n = new Argument<ulong>("n") { Description = "Which prime: 1 is 2; 1e12 and 10^12 are fine.", CustomParser = RangeArgument.Parser(1) };
        var nth = new Command("nth", "Find the n-th prime, 1 ≤ n ≤ π(2^64 − 1).") { n };
        yield return (nth, (session, result, cancellationToken) => RunAsync(
            session,
            "/api/nth-prime",
            new Dictionary<string, string> { ["n"] = Text(result.GetValue(n)) },
            PrimesJsonContext.Default.NthPrimeResult,
            output => $"prime number {output.N} is {output.Prime}",
            cancellationToken));
    }

    private static async Task<int> RunAsync<TOutput>(
        CliSession session, string path, Dictionary<string, string> fields, JsonTypeInfo<TOutput> outputType, Func<TOutput, string> describe, CancellationToken cancellationToken)
    {
        var start = await session.Client.StartCountingAsync(path, fields, cancellationToken);
        var output = start.GetProperty("output");
        if (output.ValueKind != JsonValueKind.Object)
        {
            var status = await session.Client.FollowAsync(new Uri(start.GetProperty("statusQueryGetUri").GetString()!), _ => { }, cancellationToken);
            var runtimeStatus = status.GetProperty("runtimeStatus").GetString();
            if (runtimeStatus != "Completed")
            {
                throw new PrimesApiException($"job {start.GetProperty("id").GetString()} ended {runtimeStatus}: {status.GetProperty("output")}");
            }

            output = status.GetProperty("output");
        }

        var answer = output.Deserialize(outputType) ?? throw new PrimesApiException($"job {start.GetProperty("id").GetString()} completed without an output.");
        if (session.Json)
        {
            Report.Json(session, answer);
        }
        else
        {
            session.Out.MarkupLineInterpolated($"{describe(answer)}");
        }

        return 0;
    }

    private static string Text(ulong value) => value.ToString(CultureInfo.InvariantCulture);
}
