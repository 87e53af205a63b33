using System.CommandLine;
using System.Text.Json;
using Spectre.Console;

namespace PrimeFunctions.Cli;

/// <summary>
/// The <c>primes</c> command tree. Each command is a few lines over <see cref="PrimesClient"/>; whatever goes wrong
/// ends as one line on the error console and exit code 1, never a stack trace.
/// </summary>
internal sealed class PrimesCommandLine
{
    private readonly TextWriter outputWriter;
    private readonly TextWriter errorWriter;
    private readonly IAnsiConsole error;
    private readonly GlobalOptions options;

    /// <param name="terminal">False when the output goes to a file or a pipe: then it is plain text, not wrapped at 80 columns.</param>
    public PrimesCommandLine(TextWriter output, TextWriter error, bool terminal)
    {
        outputWriter = output;
        errorWriter = error;
        this.error = CreateConsole(error, terminal);
        options = new GlobalOptions(CreateConsole(output, terminal));
        Root = new RootCommand("Find every prime in a range of unsigned 64-bit integers with a PrimeFunctions service.");
        foreach (var option in options.All)
        {
            Root.Options.Add(option);
        }

        foreach (var (command, run) in RunCommand.Create().Concat(JobCommands.Create()).Append(IsPrimeCommand.Create()).Concat(CountCommands.Create()))
        {
            command.SetAction((result, cancellationToken) => InvokeAsync(run, result, cancellationToken));
            Root.Subcommands.Add(command);
        }
    }

    public RootCommand Root { get; }

    /// <summary>
    /// Runs the command line. A mistake in it is one line naming the rule and where help is; <c>@file</c> is an
    /// argument like any other (isprime reads it), not a response file.
    /// </summary>
    public async Task<int> InvokeAsync(string[] args, CancellationToken cancellationToken = default)
    {
        var parsed = Root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        if (parsed.Errors.Count > 0)
        {
            var help = parsed.CommandResult.Command == Root ? "primes --help" : $"primes {parsed.CommandResult.Command.Name} --help";
            WriteError($"{string.Join("; ", parsed.Errors.Select(e => e.Message.TrimEnd('.')))} (see {help}).");
            return 1;
        }

        return await parsed.InvokeAsync(new InvocationConfiguration { Output = outputWriter, Error = errorWriter }, cancellationToken);
    }

    private async Task<int> InvokeAsync(CommandRun run, ParseResult result, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        try
        {
            return await run(options.Open(result, http), result, cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            WriteError(Describe(e, result.GetValue(options.Url)!));
            return 1;
        }
    }

    /// <summary>One line, not wrapped at the terminal's width: a terminal shows all of it, a log or grep finds it whole.</summary>
    private void WriteError(string message)
    {
        error.Markup("[red]error:[/] ");
        errorWriter.WriteLine(message);
    }

    private static IAnsiConsole CreateConsole(TextWriter writer, bool terminal)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = terminal ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (!terminal)
        {
            console.Profile.Width = 1000;
        }

        return console;
    }

    private static string Describe(Exception e, Uri url) => e switch
    {
        PrimesApiException => e.Message,
        HttpRequestException => $"cannot reach the service at {url}: {e.Message}",
        JsonException or KeyNotFoundException or InvalidOperationException => $"the answer from {url} is not what a PrimeFunctions service sends ({e.Message}).",
        IOException or UnauthorizedAccessException => e.Message,
        _ => $"unexpected {e.GetType().Name}: {e.Message}",
    };
}

/// <summary>What a command does once its arguments are parsed; returns the exit code.</summary>
internal delegate Task<int> CommandRun(CliSession session, ParseResult result, CancellationToken cancellationToken);
