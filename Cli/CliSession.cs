using System.CommandLine;
using System.CommandLine.Parsing;
using Spectre.Console;

namespace PrimeFunctions.Cli;

/// <summary>What every command works with: the client for the chosen service, the consoles, and whether to print JSON.</summary>
internal sealed record CliSession(PrimesClient Client, IAnsiConsole Out, bool Json);

/// <summary>The options every command takes: where the service is, its function key, and JSON output.</summary>
internal sealed class GlobalOptions(IAnsiConsole output)
{
    public const string DefaultUrl = "http://127.0.0.1:7071";

    public Option<Uri> Url { get; } = new("--url")
    {
        Description = $"Base URL of the service (default: PRIMES_URL, else {DefaultUrl}).",
        CustomParser = ParseUrl,
        DefaultValueFactory = ParseUrl,
        Recursive = true,
    };

    public Option<string?> Code { get; } = new("--code")
    {
        Description = "Function key for Azure, sent as code= (default: PRIMES_CODE).",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("PRIMES_CODE"),
        Recursive = true,
    };

    public Option<bool> Json { get; } = new("--json")
    {
        Description = "Print machine-readable JSON instead of text.",
        Recursive = true,
    };

    private static Uri ParseUrl(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value
            : Environment.GetEnvironmentVariable("PRIMES_URL") is { Length: > 0 } fromEnvironment ? fromEnvironment : DefaultUrl;
        if (Uri.TryCreate(text, UriKind.Absolute, out var url) && url.Scheme is "http" or "https")
        {
            return url;
        }

        result.AddError($"'{text}' is not an http or https URL.");
        return new Uri(DefaultUrl);
    }

    public IEnumerable<Option> All => [Url, Code, Json];

    public CliSession Open(ParseResult result, HttpClient http) =>
        new(new PrimesClient(http, result.GetValue(Url)!, result.GetValue(Code)), output, result.GetValue(Json));
}
