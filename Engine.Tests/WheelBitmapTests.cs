using System.Security.Cryptography;
using FsCheck;
using FsCheck.Xunit;
using PrimeFunctions.Engine;

using PrimeFunctions.Tests.Fixtures;

namespace PrimeFunctions.Engine.Tests;

public sealed class WheelBitmapTests
{
    private const ulong Domain = NaivePrimes.SieveLimit - 400_000;

    [Property(MaxTest = 40)]
    public void Rank_and_CountRange_match_the_naive_count(DoNotSize<uint> startArgument, DoNotSize<uint> widthArgument, DoNotSize<uint> aArgument, DoNotSize<uint> bArgument)
    {
        var start = startArgument.Item;
        var width = widthArgument.Item;
        var a = aArgument.Item;
        var b = bArgument.Item;
        var (low, high) = Range(start, width);
        var bitmap = SegmentSieve.Sieve(low, high);
        var qa = low - Math.Min(low, 50) + a % (high - low + 100);
        var qb = low - Math.Min(low, 50) + b % (high - low + 100);
        var (from, to) = (Math.Min(qa, qb), Math.Max(qa, qb));
        Assert.Equal(NaiveCount(low, Math.Min(high, to)), bitmap.Rank(to));
        Assert.Equal(NaiveCount(Math.Max(low, from), Math.Min(high, to)), bitmap.CountRange(from, to));
        Assert.Equal(0, bitmap.CountRange(to + 1, from));
    }

    [Property(MaxTest = 40)]
    public void PrimeAt_returns_the_indexed_prime(DoNotSize<uint> startArgument, DoNotSize<uint> widthArgument, DoNotSize<uint> pickArgument)
    {
        var start = startArgument.Item;
        var width = widthArgument.Item;
        var pick = pickArgument.Item;
        var (low, high) = Range(start, width);
        var naive = NaivePrimes.PrimesIn(low, high);
        var bitmap = SegmentSieve.Sieve(low, high);
        Assert.Equal(naive.Count, bitmap.Count);
        if (naive.Count > 0)
        {
            var index = (int)(pick % naive.Count);
            Assert.Equal(naive[index], bitmap.PrimeAt(index));
        }

        Assert.Throws<ArgumentOutOfRangeException>(() => bitmap.PrimeAt(bitmap.Count));
        Assert.Throws<ArgumentOutOfRangeException>(() => bitmap.PrimeAt(-1));
    }

    [Property(MaxTest = 40)]
    public void Sum_matches_the_naive_sum(DoNotSize<uint> startArgument, DoNotSize<uint> widthArgument, DoNotSize<uint> aArgument, DoNotSize<uint> bArgument)
    {
        var start = startArgument.Item;
        var width = widthArgument.Item;
        var a = aArgument.Item;
        var b = bArgument.Item;
        var (low, high) = Range(start, width);
        var bitmap = SegmentSieve.Sieve(low, high);
        var from = low + a % (high - low + 1);
        var to = from + b % (high - from + 1);
        var expected = NaivePrimes.PrimesIn(from, to).Aggregate(UInt128.Zero, (sum, p) => sum + p);
        Assert.Equal(expected, bitmap.Sum(from, to));
    }

    [Property(MaxTest = 30)]
    public void Text_matches_the_naive_rendering_across_buffer_refills(DoNotSize<uint> startArgument, DoNotSize<uint> widthArgument, DoNotSize<uint> offsetArgument)
    {
        var start = startArgument.Item;
        var width = widthArgument.Item;
        var offset = offsetArgument.Item;
        var (low, high) = Range(start, width);
        var bitmap = SegmentSieve.Sieve(low, high);
        var from = low + offset % (high - low + 1);
        Assert.Equal(NaivePrimes.Text(NaivePrimes.PrimesIn(from, high)), RenderText(bitmap, from, high, 4096));
    }

    [Fact]
    public void Text_of_primes_below_ten_million_has_the_reference_checksum()
    {
        var text = RenderText(SegmentSieve.Sieve(0, 10_000_000), 0, 10_000_000, 1 << 16);
        Assert.Equal("36d6197802bc3b635b43b31cd6a2583f7cf8f5badff7992f3693c5102beefd14", Convert.ToHexStringLower(SHA256.HashData(text)));
    }

    [Fact]
    public void Text_at_the_top_of_the_domain_ends_with_the_largest_prime()
    {
        var text = RenderText(SieveFixtures.TopOfDomain, 0, ulong.MaxValue, 4096);
        Assert.Equal(NaivePrimes.Text(SieveFixtures.TopOfDomainPrimes), text);
    }

    [Fact]
    public void Sum_rank_and_PrimeAt_at_the_top_of_the_domain_match_the_naive_reference()
    {
        var bitmap = SieveFixtures.TopOfDomain;
        var naive = SieveFixtures.TopOfDomainPrimes;
        Assert.Equal(naive.Aggregate(UInt128.Zero, (sum, p) => sum + p), bitmap.Sum(0, ulong.MaxValue));
        Assert.Equal(naive.Count, bitmap.Rank(ulong.MaxValue));
        Assert.Equal(naive.Count - 1, bitmap.Rank(naive[^1] - 1));
        Assert.Equal(naive[^1], bitmap.PrimeAt(naive.Count - 1));
        Assert.Equal(naive[naive.Count / 2], bitmap.PrimeAt(naive.Count / 2));
    }

    [Fact]
    public void Writing_resumes_after_the_last_prime_written_and_stops_when_none_remain()
    {
        var bitmap = SegmentSieve.Sieve(100, 200);
        var buffer = new ulong[3];
        var position = 0ul;
        Assert.Equal(3, bitmap.WritePrimes(ref position, 150, buffer));
        Assert.Equal(new ulong[] { 101, 103, 107 }, buffer);
        Assert.Equal(108ul, position);
        Assert.Equal(3, bitmap.WritePrimes(ref position, 150, buffer));
        Assert.Equal(new ulong[] { 109, 113, 127 }, buffer);
        Assert.Equal(3, bitmap.WritePrimes(ref position, 150, buffer));
        Assert.Equal(new ulong[] { 131, 137, 139 }, buffer);
        Assert.Equal(1, bitmap.WritePrimes(ref position, 150, buffer));
        Assert.Equal(150ul, position);
        Assert.Equal(0, bitmap.WritePrimes(ref position, 150, buffer));
    }

    [Theory]
    [InlineData(0ul, 0ul)]
    [InlineData(0ul, 1_000_000ul)]
    [InlineData(17ul, 1_000_003ul)]
    [InlineData(1_000_000_000_000ul, 1_000_000_100_000ul)]
    [InlineData(ulong.MaxValue - 1000, ulong.MaxValue)]
    public void Stored_form_round_trips(ulong low, ulong high)
    {
        var bitmap = SegmentSieve.Sieve(low, high);
        var stored = bitmap.ToStoredBytes();
        Assert.Equal(bitmap.SerializedLength, stored.Length);
        var read = WheelBitmap.ReadFrom(stored);
        Assert.Equal((bitmap.Low, bitmap.High, bitmap.Count), (read.Low, read.High, read.Count));
        Assert.Equal(SieveFixtures.Decode(bitmap), SieveFixtures.Decode(read));
    }

    [Fact]
    public void Truncated_stored_form_is_rejected()
    {
        var stored = SegmentSieve.Sieve(1000, 100_000).ToStoredBytes();
        foreach (var length in new[] { 0, 3, 47, 48, stored.Length / 2, stored.Length - 1 })
        {
            Assert.Throws<InvalidDataException>(() => WheelBitmap.ReadFrom(stored.AsSpan(0, length)));
        }

        Assert.Throws<InvalidDataException>(() => WheelBitmap.ReadFrom([.. stored, 0]));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    [InlineData(8)]
    [InlineData(16)]
    [InlineData(24)]
    [InlineData(32)]
    [InlineData(40)]
    [InlineData(48)]
    [InlineData(1000)]
    [InlineData(-1)]
    public void Corrupted_stored_form_is_rejected(int offset)
    {
        var stored = SegmentSieve.Sieve(1000, 100_000).ToStoredBytes();
        var at = offset < 0 ? stored.Length + offset : offset;
        stored[at] ^= 0x10;
        Assert.Throws<InvalidDataException>(() => WheelBitmap.ReadFrom(stored));
    }

    private static (ulong Low, ulong High) Range(uint start, uint width)
    {
        var low = start % Domain;
        return (low, low + width % 300_000);
    }

    private static long NaiveCount(ulong low, ulong high) => low > high ? 0 : NaivePrimes.PrimesIn(low, high).Count;

    private static byte[] RenderText(WheelBitmap bitmap, ulong from, ulong to, int bufferSize)
    {
        var output = new MemoryStream();
        var buffer = new byte[bufferSize];
        var position = from;
        int written;
        while ((written = bitmap.WriteText(ref position, to, buffer)) > 0)
        {
            output.Write(buffer, 0, written);
        }

        return output.ToArray();
    }
}
