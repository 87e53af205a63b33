using System.CommandLine;
using Spectre.Console;

namespace PrimeFunctions.Cli;

/// <summary><c>primes isprime n</c> or <c>primes isprime @file</c>: whether a number of any size is prime, and how surely.</summary>
internal static class IsPrimeCommand
{
    public static (Command, CommandRun) Create()
    {
        var number = new Argument<string>("n") { Description = "The number in decimal, or @file for a file holding its digits." };
        var command = new Command("isprime", "Test whether a number is prime (proven up to 2^64, Baillie-PSW beyond).") { number };
        return (command, async (session, result, cancellationToken) =>
        {
            var text = result.GetValue(number)!;
            var digits = text.StartsWith('@') ? (await File.ReadAllTextAsync(text[1..], cancellationToken)).Trim() : text;
            var verdict = await session.Client.IsPrimeAsync(digits, cancellationToken);
            if (session.Json)
            {
                Report.Json(session, verdict);
                return 0;
            }

            var shown = digits.Length <= 40 ? digits : $"{digits[..20]}…{digits[^10..]} ({digits.Length} digits)";
            session.Out.MarkupLineInterpolated(
                $"{shown} is {(verdict.GetProperty("isPrime").GetBoolean() ? "prime" : "not prime")} ({verdict.GetProperty("certainty").GetString()}, {verdict.GetProperty("method").GetString()})");
            return 0;
        }
        );
    }
}
