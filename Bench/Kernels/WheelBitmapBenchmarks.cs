using BenchmarkDotNet.Attributes;
using PrimeFunctions.Engine;

namespace PrimeFunctions.Bench.Kernels;

/// <summary>What the service does with a stored 10^8-wide segment: render text, decode, random access, (de)serialize.</summary>
[ShortRunJob]
[MemoryDiagnoser]
public class WheelBitmapBenchmarks
{
    private const ulong Low = 1_000_000_000_000;
    private const ulong High = Low + 100_000_000 - 1;

    private readonly byte[] _text = new byte[1 << 16];
    private readonly ulong[] _primes = new ulong[1 << 13];
    private WheelBitmap _bitmap = null!;
    private byte[] _stored = [];
    private long[] _indices = [];

    [GlobalSetup]
    public void Setup()
    {
        _bitmap = SegmentSieve.Sieve(Low, High);
        var stream = new MemoryStream();
        _bitmap.WriteTo(stream);
        _stored = stream.ToArray();
        var random = new Random(1);
        _indices = [.. Enumerable.Range(0, 1024).Select(_ => random.NextInt64(_bitmap.Count))];
    }

    [Benchmark]
    public long WriteText()
    {
        long bytes = 0;
        var position = Low;
        int written;
        while ((written = _bitmap.WriteText(ref position, High, _text)) > 0)
        {
            bytes += written;
        }

        return bytes;
    }

    [Benchmark]
    public long WritePrimes()
    {
        long count = 0;
        var position = Low;
        int written;
        while ((written = _bitmap.WritePrimes(ref position, High, _primes)) > 0)
        {
            count += written;
        }

        return count;
    }

    [Benchmark(OperationsPerInvoke = 1024)]
    public ulong PrimeAt()
    {
        ulong sum = 0;
        foreach (var index in _indices)
        {
            sum += _bitmap.PrimeAt(index);
        }

        return sum;
    }

    [Benchmark]
    public UInt128 Sum() => _bitmap.Sum(Low, High);

    [Benchmark]
    public long ReadFrom() => WheelBitmap.ReadFrom(_stored).Count;
}
