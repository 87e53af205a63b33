using System.Text.Json;
using PrimeFunctions.Cli;
using PrimeFunctions.Tests.Fixtures;

namespace PrimeFunctions.Tests.Cli;

/// <summary>The <c>primes</c> command line against the local host over real HTTP; its files are checked against the naive reference.</summary>
public sealed class PrimesCliTests(ServiceFixture service) : IClassFixture<ServiceFixture>, IDisposable
{
    // π(2·10^6) = 148933 (OEIS A000720); its text is about 1.1 MB, so a fault at 300 kB falls inside the download.
    private const ulong To = 2_000_000;
    private const long PrimesBelow2e6 = 148_933;
    private const long FaultAt = 300_000;

    private static readonly Lazy<byte[]> Reference = new(() => NaivePrimes.Text(NaivePrimes.PrimesIn(0, To)));

    private readonly string folder = Directory.CreateTempSubdirectory("primes-cli-").FullName;

    [Fact]
    public async Task Run_starts_the_job_downloads_its_primes_and_verifies_them()
    {
        var file = Path.Combine(folder, "p.txt");

        var (exit, output, _) = await PrimesAsync(service.BaseAddress, "run", "0", "2e6", "-o", file);

        Assert.Equal(0, exit);
        Assert.Equal(Reference.Value, await File.ReadAllBytesAsync(file));
        Assert.Contains($"primes-0-2000000: {PrimesBelow2e6} primes, first 2, last 1999993", output);
        Assert.Contains("verified", output);
    }

    [Fact]
    public async Task Run_resumes_a_download_whose_connection_drops_mid_way()
    {
        await using var proxy = new FaultyProxy(service.BaseAddress, FaultAt, ProxyFault.DropConnection);
        var file = Path.Combine(folder, "cut.txt");

        var (exit, output, error) = await PrimesAsync(proxy.BaseAddress, "run", "0", "2000000", "-o", file);

        Assert.Equal(1, proxy.Faults);
        Assert.True(exit == 0, error);
        Assert.Equal(Reference.Value, await File.ReadAllBytesAsync(file));
        Assert.Contains("verified", output);
        Assert.True(proxy.BytesBack < Reference.Value.Length + FaultAt, $"{proxy.BytesBack} bytes came back: the download started over instead of resuming");
    }

    [Fact]
    public async Task Run_resumes_a_partial_file_left_by_an_earlier_run()
    {
        var file = Path.Combine(folder, "partial.txt");
        await File.WriteAllBytesAsync(file, Reference.Value[..(int)FaultAt]);

        var (exit, _, _) = await PrimesAsync(service.BaseAddress, "run", "0", "2000000", "-o", file);

        Assert.Equal(0, exit);
        Assert.Equal(Reference.Value, await File.ReadAllBytesAsync(file));
    }

    [Fact]
    public async Task Run_reports_a_checksum_mismatch_when_a_byte_arrives_changed()
    {
        await using var proxy = new FaultyProxy(service.BaseAddress, FaultAt, ProxyFault.FlipByte);
        var file = Path.Combine(folder, "flipped.txt");

        var (exit, output, _) = await PrimesAsync(proxy.BaseAddress, "run", "0", "2000000", "-o", file);

        Assert.Equal(1, proxy.Faults);
        Assert.Equal(1, exit);
        Assert.Contains("checksum mismatch", output);
    }

    [Fact]
    public async Task Verify_accepts_the_job_text_and_rejects_a_file_that_differs()
    {
        await new JobClient(service.Http).RunAsync(0, To);
        var good = Path.Combine(folder, "good.txt");
        var bad = Path.Combine(folder, "bad.txt");
        await File.WriteAllBytesAsync(good, Reference.Value);
        await File.WriteAllBytesAsync(bad, [.. Reference.Value[..^2], (byte)'9', (byte)'\n']);

        Assert.Equal(0, (await PrimesAsync(service.BaseAddress, "verify", "primes-0-2000000", good)).Exit);
        var (exit, output, _) = await PrimesAsync(service.BaseAddress, "verify", "primes-0-2000000", bad);
        Assert.Equal(1, exit);
        Assert.Contains("checksum mismatch", output);
    }

    [Fact]
    public async Task A_problem_answer_prints_as_one_line_naming_the_field()
    {
        var (exit, output, error) = await PrimesAsync(service.BaseAddress, "page", "primes-0-2000000", "--limit", "0");

        Assert.Equal(1, exit);
        Assert.Equal("", output);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: One or more validation errors occurred: limit must be", line);
    }

    [Fact]
    public async Task Page_status_list_isprime_and_delete_read_the_service()
    {
        await new JobClient(service.Http).RunAsync(0, To);

        var page = await PrimesAsync(service.BaseAddress, "page", "primes-0-2000000", "--offset", "100000", "--limit", "3");
        var status = await PrimesAsync(service.BaseAddress, "status", "primes-0-2000000");
        var list = await PrimesAsync(service.BaseAddress, "list", "--status", "Completed", "--json");
        var isPrime = await PrimesAsync(service.BaseAddress, "isprime", "18446744073709551557");

        var expected = NaivePrimes.PrimesIn(0, To).Skip(100_000).Take(3).Select(p => p.ToString());
        Assert.Equal(expected, page.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("primes-0-2000000: Completed", status.Output);
        Assert.Contains($"{PrimesBelow2e6} primes, first 2, last 1999993", status.Output);
        Assert.Contains(JsonDocument.Parse(list.Output).RootElement.GetProperty("jobs").EnumerateArray(), j => j.GetProperty("id").GetString() == "primes-0-2000000");
        Assert.Equal("18446744073709551557 is prime (proven, deterministic-miller-rabin)", isPrime.Output.Trim());
    }

    [Fact]
    public async Task Delete_removes_the_job_and_then_it_is_not_found()
    {
        await new JobClient(service.Http).RunAsync(5, 50_000);

        var deleted = await PrimesAsync(service.BaseAddress, "delete", "primes-5-50000");
        var status = await PrimesAsync(service.BaseAddress, "status", "primes-5-50000");

        Assert.Equal(0, deleted.Exit);
        Assert.Equal(1, status.Exit);
        Assert.Equal("error: Not found: There is no job 'primes-5-50000'.", status.Error.Trim());
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public async Task Count_and_nth_answer_with_the_published_values()
    {
        // π(10^10) = 455052511 (OEIS A006880); the 10^6-th prime is 15485863 (OEIS A006988).
        var (countExit, count, countError) = await PrimesAsync(service.BaseAddress, "count", "0", "1e10");
        var (nthExit, nth, nthError) = await PrimesAsync(service.BaseAddress, "nth", "10^6");

        Assert.True(countExit == 0, countError);
        Assert.Contains("455052511 primes in [0, 10000000000] (lmo)", count);
        Assert.True(nthExit == 0, nthError);
        Assert.Contains("prime number 1000000 is 15485863", nth);
    }

    private static async Task<(int Exit, string Output, string Error)> PrimesAsync(Uri url, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await new PrimesCommandLine(output, error, terminal: false).InvokeAsync([.. args, "--url", url.ToString()]);
        return (exit, output.ToString(), error.ToString());
    }
}
