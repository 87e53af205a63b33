using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using PrimeFunctions.Engine;

namespace PrimeFunctions.Bench;

/// <summary>`isprime`: times Primality.IsPrime call by call on random odd 64-bit integers and prints the distribution as JSON.</summary>
internal static class IsPrimeCommand
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static Command Create()
    {
        var samples = new Option<int>("--samples") { DefaultValueFactory = _ => 200_000, Description = "Random odd inputs to time." };
        var seed = new Option<int>("--seed") { DefaultValueFactory = _ => 20261125, Description = "Seed of the input generator." };
        var command = new Command("isprime", "Time IsPrime(ulong) on random odd 64-bit inputs; prints median, p90 and max in microseconds.") { samples, seed };
        command.SetAction(result =>
        {
            var random = new Random(result.GetValue(seed));
            var inputs = new ulong[result.GetValue(samples)];
            foreach (ref var n in inputs.AsSpan())
            {
                n = (ulong)random.NextInt64() << 1 | 1 | (ulong)random.Next(2) << 63;
            }

            // Let tiered compilation finish (it promotes hot methods on a background thread after a delay), so
            // the timed calls measure optimised code rather than the first-call tier.
            var warmUp = Stopwatch.StartNew();
            while (warmUp.Elapsed < TimeSpan.FromSeconds(1))
            {
                foreach (var n in inputs.AsSpan(0, Math.Min(inputs.Length, 10_000)))
                {
                    Primality.IsPrime(n);
                }
            }

            Thread.Sleep(200);

            var all = new double[inputs.Length];
            var primes = new List<double>();
            for (var i = 0; i < inputs.Length; i++)
            {
                var start = Stopwatch.GetTimestamp();
                var prime = Primality.IsPrime(inputs[i]);
                all[i] = (Stopwatch.GetTimestamp() - start) * 1e6 / Stopwatch.Frequency;
                if (prime)
                {
                    primes.Add(all[i]);
                }
            }

            Array.Sort(all);
            primes.Sort();
            Console.WriteLine(JsonSerializer.Serialize(
                new IsPrimeReport(
                    inputs.Length,
                    primes.Count,
                    Math.Round(all[all.Length / 2], 3),
                    Math.Round(all[all.Length * 9 / 10], 3),
                    Math.Round(all[^1], 3),
                    primes.Count == 0 ? 0 : Math.Round(primes[primes.Count / 2], 3)),
                Json));
        });
        return command;
    }

    private sealed record IsPrimeReport(int Samples, int Primes, double MedianMicroseconds, double P90Microseconds, double MaxMicroseconds, double MedianMicrosecondsOnPrimes);
}
