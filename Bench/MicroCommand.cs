using System.CommandLine;
using BenchmarkDotNet.Running;

namespace PrimeFunctions.Bench;

/// <summary>`micro`: hands the remaining arguments (e.g. --filter *Sieve*) to BenchmarkDotNet's switcher.</summary>
internal static class MicroCommand
{
    public static Command Create()
    {
        var command = new Command("micro", "Run the BenchmarkDotNet kernels; remaining arguments go to BenchmarkDotNet (e.g. --filter '*Text*').")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        command.SetAction(result =>
        {
            BenchmarkSwitcher.FromAssembly(typeof(MicroCommand).Assembly).Run([.. result.UnmatchedTokens]);
        });
        return command;
    }
}
