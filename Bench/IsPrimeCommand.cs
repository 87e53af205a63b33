using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using System.Text.Json;
using PrimeFunctions.Engine;
using PrimeFunctions.Engine.Gmp;

namespace PrimeFunctions.Bench;

/// <summary>
/// `isprime`: times Primality.IsPrime call by call on random odd 64-bit integers and prints the distribution as JSON;
/// with `--mersenne`, times Baillie–PSW of 2^p − 1 through GMP (ours), GMP's own mpz_probab_prime_p(n, 24), and
/// with `--managed` the managed path, on the same numbers in the same process, and prints one line per exponent.
/// </summary>
internal static class IsPrimeCommand
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static Command Create()
    {
        var samples = new Option<int>("--samples") { DefaultValueFactory = _ => 200_000, Description = "Random odd inputs to time." };
        var seed = new Option<int>("--seed") { DefaultValueFactory = _ => 20261125, Description = "Seed of the input generator." };
        var mersenne = new Option<int[]>("--mersenne") { AllowMultipleArgumentsPerToken = true, Description = "Exponents p: time Baillie–PSW of 2^p − 1 instead." };
        var runs = new Option<int>("--runs") { DefaultValueFactory = _ => 3, Description = "Runs per number and way (the fastest is kept)." };
        var managed = new Option<bool>("--managed") { Description = "Time the managed path too." };
        var command = new Command("isprime", "Time IsPrime(ulong) on random odd 64-bit inputs; prints median, p90 and max in microseconds.") { samples, seed, mersenne, runs, managed };
        command.SetAction(result =>
        {
            if (result.GetValue(mersenne) is { Length: > 0 } exponents)
            {
                TimeMersenne(exponents, result.GetValue(runs), result.GetValue(managed));
                return;
            }

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

    private static void TimeMersenne(int[] exponents, int runs, bool managed)
    {
        Console.WriteLine($"# {BailliePsw.Implementation(allowGmp: true)}; fastest of {runs} runs, CPU seconds of this process");
        Console.WriteLine("p\tdigits\tprime\tours\tgmp\tratio" + (managed ? "\tmanaged" : ""));
        foreach (var p in exponents)
        {
            var digits = ((BigInteger.One << p) - 1).ToString(CultureInfo.InvariantCulture);
            using var n = GmpInteger.FromDecimal(digits);
            var (prime, ours) = Fastest(runs, () => BailliePsw.IsProbablePrime(digits, allowGmp: true));
            var (gmpPrime, gmp) = Fastest(runs, () => GmpNative.ProbablePrime(n.Pointer, 24) > 0);
            if (prime != gmpPrime)
            {
                throw new InvalidOperationException($"2^{p} - 1: ours says {prime}, GMP says {gmpPrime}");
            }

            var line = $"{p}\t{digits.Length}\t{prime}\t{ours:F3}\t{gmp:F3}\t{ours / gmp:F2}";
            Console.WriteLine(managed ? $"{line}\t{Fastest(1, () => BailliePsw.IsProbablePrime(digits, allowGmp: false)).Seconds:F3}" : line);
        }
    }

    private static (bool Result, double Seconds) Fastest(int runs, Func<bool> test)
    {
        var best = double.MaxValue;
        var answer = false;
        for (var i = 0; i < runs; i++)
        {
            // CPU time rather than wall time: on a shared machine the wall clock counts other processes' turns too.
            var start = Process.GetCurrentProcess().TotalProcessorTime;
            answer = test();
            best = Math.Min(best, (Process.GetCurrentProcess().TotalProcessorTime - start).TotalSeconds);
        }

        return (answer, best);
    }

    private sealed record IsPrimeReport(int Samples, int Primes, double MedianMicroseconds, double P90Microseconds, double MaxMicroseconds, double MedianMicrosecondsOnPrimes);
}
