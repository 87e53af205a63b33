using Microsoft.Extensions.Options;
using PrimeFunctions.Api;

namespace PrimeFunctions.LocalHost;

/// <summary>
/// A start-up mistake the user can fix — a port already taken, a setting that does not parse or breaks its rule —
/// said in one line that names the problem and the fix, instead of a stack trace.
/// </summary>
public sealed class StartupProblem(string message) : Exception(message)
{
    /// <summary>Refuses to start when something already listens on a loopback port the host is asked to serve.</summary>
    public static void ThrowIfPortTaken(string urls)
    {
        foreach (var url in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Port > 0 && uri.IsLoopback && AzuriteProcess.IsListening(uri.Port))
            {
                throw new StartupProblem(
                    $"Port {uri.Port} is already in use (another LocalHost, or func start?). Stop it, or serve on another port: " +
                    $"dotnet run -c Release --project LocalHost -- --urls http://127.0.0.1:{uri.Port + 1}");
            }
        }
    }

    /// <summary>Reads and validates the settings now, so that a bad one stops the host before anything starts.</summary>
    public static void ThrowIfSettingsInvalid(IConfiguration configuration)
    {
        try
        {
            using var services = new ServiceCollection().AddPrimesOptions(configuration).BuildServiceProvider();
            _ = services.GetRequiredService<IOptions<PrimesOptions>>().Value;
        }
        catch (OptionsValidationException e)
        {
            throw new StartupProblem($"Invalid settings: {string.Join(" ", e.Failures.Select(Member))} (see the Settings table in README.md).");
        }
        catch (InvalidOperationException e) when (e.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal))
        {
            throw new StartupProblem($"Invalid setting: {Environmentalise(e.Message)} (see the Settings table in README.md).");
        }
    }

    /// <summary>The storage account could not be reached when the host started.</summary>
    public static StartupProblem StorageUnreachable(Exception e) => new(
        $"Cannot reach the storage account named by AzureWebJobsStorage ({e.GetType().Name}: {e.Message.Split('\n')[0].Trim()}). " +
        "Is Azurite running there? Leave AzureWebJobsStorage unset (or UseDevelopmentStorage=true) and LocalHost starts its own.");

    // "DataAnnotation validation failed for 'PrimesOptions' members: 'MaxPageSize' with the error: '...'." → "Primes__MaxPageSize: ..."
    private static string Member(string failure) =>
        System.Text.RegularExpressions.Regex.Match(failure, "members: '([^']+)' with the error: '(.*)'\\.?$") is { Success: true } m
            ? $"{PrimesOptions.Section}__{m.Groups[1].Value.Replace(".", "__", StringComparison.Ordinal)}: {m.Groups[2].Value}"
            : failure;

    // Settings are usually given as environment variables (Primes__MaxPageSize); messages name them that way too.
    private static string Environmentalise(string message) =>
        System.Text.RegularExpressions.Regex.Replace(message, @"'?\b(Primes(?::\w+)+)'?", m => $"{m.Groups[1].Value.Replace(":", "__", StringComparison.Ordinal)}");
}
