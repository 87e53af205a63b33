using System.Diagnostics;
using System.Globalization;

namespace PrimeFunctions.Engine.Tests.Counting;

/// <summary>Kim Walisch's primecount (Debian primecount-bin, installed by .ci/run) as the independent reference.</summary>
internal static class PrimecountProcess
{
    public static ulong Pi(ulong x) => Run(x.ToString(CultureInfo.InvariantCulture));

    public static ulong NthPrime(ulong n) => Run("--nth-prime", n.ToString(CultureInfo.InvariantCulture));

    private static ulong Run(params string[] arguments)
    {
        var start = new ProcessStartInfo("primecount") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.ArgumentList.Add("--threads=1");
        using var process = Process.Start(start)
            ?? throw new InvalidOperationException("primecount did not start; install primecount-bin (apt).");
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"primecount {string.Join(' ', arguments)} exited with {process.ExitCode}");
        return ulong.Parse(output.Trim(), CultureInfo.InvariantCulture);
    }
}
