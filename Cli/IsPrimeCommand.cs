using System.CommandLine;
using System.Globalization;
using System.Numerics;
using PrimeFunctions.CommandLine;
using Spectre.Console;

namespace PrimeFunctions.Cli;

/// <summary><c>primes isprime n</c> or <c>primes isprime @file</c>: whether a number of any size is prime, and how surely.</summary>
internal static class IsPrimeCommand
{
    private const string Forms = "digits, or an expression such as 1e9+7, 10^9+7 or 2^127-1";

    public static (Command, CommandRun) Create()
    {
        var number = new Argument<string>("n") { Description = $"The number: {Forms}; or @file for a file holding one." };
        var command = new Command("isprime", "Test whether a number is prime (proven up to 2^64, Baillie-PSW beyond).") { number };
        return (command, async (session, result, cancellationToken) =>
        {
            var text = result.GetValue(number)!;
            var written = text.StartsWith('@') ? await ReadFileAsync(text[1..], cancellationToken) : text;
            if (!RangeArgument.TryParse(written, out BigInteger value))
            {
                throw new PrimesApiException($"'{Shorten(written)}' is not a non-negative integer ({Forms}).");
            }

            var digits = value.ToString(CultureInfo.InvariantCulture);
            var verdict = await session.Client.IsPrimeAsync(digits, cancellationToken);
            if (session.Json)
            {
                Report.Json(session, verdict);
                return 0;
            }

            session.Out.MarkupLineInterpolated(
                $"{Shorten(digits)} is {(verdict.GetProperty("isPrime").GetBoolean() ? "prime" : "not prime")} ({verdict.GetProperty("certainty").GetString()}, {verdict.GetProperty("method").GetString()})");
            return 0;
        }
        );
    }

    private static async Task<string> ReadFileAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            return (await File.ReadAllTextAsync(path, cancellationToken)).Trim();
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new PrimesApiException($"@{path}: no such file.");
        }
    }

    private static string Shorten(string digits) => digits.Length <= 40 ? digits : $"{digits[..20]}…{digits[^10..]} ({digits.Length} digits)";
}
