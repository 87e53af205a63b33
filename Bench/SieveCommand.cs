using System.CommandLine;
using System.CommandLine.Parsing;
using System.Diagnostics;
using System.Text.Json;
using PrimeFunctions.CommandLine;
using PrimeFunctions.Engine;

namespace PrimeFunctions.Bench;

/// <summary>`sieve`: sieves [from, to] in chunks (as the service's activities do) and prints one JSON line.</summary>
internal static class SieveCommand
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static Command Create()
    {
        var from = new Option<ulong>("--from") { Required = true, CustomParser = RangeArgument.Parser(0), Description = "First integer of the range." };
        var to = new Option<ulong>("--to") { Required = true, CustomParser = RangeArgument.Parser(0), Description = "Last integer of the range (inclusive)." };
        var threads = new Option<int>("--threads") { DefaultValueFactory = _ => 1, Description = "Chunks sieved in parallel." };
        var mode = new Option<SieveMode>("--mode") { DefaultValueFactory = _ => SieveMode.Count, Description = "count: popcount only; store: also write the stored form; text: also render every prime in decimal." };
        var chunk = new Option<ulong>("--chunk") { DefaultValueFactory = _ => 1ul << 32, CustomParser = RangeArgument.Parser(1ul << 32), Description = "Widest range one SegmentSieve.Sieve call covers (default 2^32; narrowed so each thread gets a share)." };
        var output = new Option<FileInfo?>("--out") { Description = "text mode: write the text there (e.g. /dev/null) instead of only counting its bytes." };
        var l1 = new Option<long?>("--l1d") { CustomParser = CacheSize, Description = "Sieve as if the L1 data cache were this size (e.g. 48K) instead of this machine's." };
        var l2 = new Option<long?>("--l2") { CustomParser = CacheSize, Description = "Sieve as if each core's L2 were this size (e.g. 2M) instead of this machine's." };
        var command = new Command("sieve", "Sieve a range and print {from, to, count, seconds, bytes} as JSON.") { from, to, threads, mode, chunk, output, l1, l2 };
        command.SetAction(result =>
        {
            if (result.GetValue(from) > result.GetValue(to) || result.GetValue(threads) < 1 || result.GetValue(chunk) is 0 or >= SegmentSieve.MaxWidth)
            {
                Console.Error.WriteLine("Need --from <= --to, --threads >= 1 and --chunk in [1, 2^34).");
                return 1;
            }

            var file = result.GetValue(output);
            using var stream = file is null ? null : new FileStream(file.FullName, FileMode.Create, FileAccess.Write, FileShare.ReadWrite, 1 << 20);
            var machine = CacheSizes.OfThisMachine();
            var caches = new CacheSizes(result.GetValue(l1) ?? machine.L1DataBytes, result.GetValue(l2) ?? machine.L2Bytes);
            var config = SieveConfig.FromCacheSizes(caches);
            var run = new SieveRun(result.GetValue(from), result.GetValue(to), result.GetValue(chunk), result.GetValue(threads), result.GetValue(mode), stream, config);
            var stopwatch = Stopwatch.StartNew();
            var (count, bytes) = run.Execute();
            var seconds = stopwatch.Elapsed.TotalSeconds;
            Console.WriteLine(JsonSerializer.Serialize(
                new SieveReport(run.From, run.To, result.GetValue(mode).ToString().ToLowerInvariant(), result.GetValue(threads), count, Math.Round(seconds, 4), bytes, config.ChunkBytes >> 10, config.BlockBytes >> 10),
                Json));
            return 0;
        });
        return command;
    }

    private static long? CacheSize(ArgumentResult result)
    {
        var text = result.Tokens[0].Value;
        var bytes = CacheSizes.ParseSize(text);
        if (bytes == 0)
        {
            result.AddError($"'{text}' is not a cache size (forms: 32768, 48K, 2M).");
        }

        return bytes;
    }

    private sealed record SieveReport(ulong From, ulong To, string Mode, int Threads, long Count, double Seconds, long Bytes, uint ChunkKib, uint BlockKib);
}
