using System.Globalization;

namespace PrimeFunctions.Bench.Load;

/// <summary>What one scenario measured: every request's latency, and how many answers were not 2xx.</summary>
internal sealed record LoadResult(string Scenario, TimeSpan Elapsed, double[] LatenciesMs, int NotSuccess, string Note = "")
{
    public const string Header = "| scenario | requests | req/s | p50 ms | p99 ms | non-2xx | note |\n|---|---|---|---|---|---|---|";

    public string Row()
    {
        var sorted = LatenciesMs.Order().ToArray();
        return string.Create(CultureInfo.InvariantCulture,
            $"| {Scenario} | {sorted.Length} | {sorted.Length / Elapsed.TotalSeconds:F0} | {Percentile(sorted, 0.50):F1} | {Percentile(sorted, 0.99):F1} | {NotSuccess} | {Note} |");
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
