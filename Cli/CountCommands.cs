using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using PrimeFunctions.CommandLine;
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
            output => $"{output.GetProperty("count").GetString()} primes in [{output.GetProperty("from").GetString()}, {output.GetProperty("to").GetString()}] ({output.GetProperty("method").GetString()})",
            cancellationToken));

        var n = new Argument<ulong>("n") { Description = "Which prime: 1 is 2; 1e12 and 10^12 are fine.", CustomParser = RangeArgument.Parser(1) };
        var nth = new Command("nth", "Find the n-th prime, 1 ≤ n ≤ π(2^64 − 1).") { n };
        yield return (nth, (session, result, cancellationToken) => RunAsync(
            session,
            "/api/nth-prime",
            new Dictionary<string, string> { ["n"] = Text(result.GetValue(n)) },
            output => $"prime number {output.GetProperty("n").GetString()} is {output.GetProperty("prime").GetString()}",
            cancellationToken));
    }

    private static async Task<int> RunAsync(CliSession session, string path, Dictionary<string, string> fields, Func<JsonElement, string> describe, CancellationToken cancellationToken)
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

        if (session.Json)
        {
            Report.Json(session, output);
        }
        else
        {
            session.Out.MarkupLineInterpolated($"{describe(output)}");
        }

        return 0;
    }

    private static string Text(ulong value) => value.ToString(CultureInfo.InvariantCulture);
}
