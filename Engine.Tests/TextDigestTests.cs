using System.Security.Cryptography;
using FsCheck;
using FsCheck.Xunit;
using PrimeFunctions.Tests.Fixtures;

namespace PrimeFunctions.Engine.Tests;

/// <summary>The digest a job's merge computes: the text form's SHA-256, length and prime sum, over several segments in order.</summary>
public sealed class TextDigestTests
{
    [Property(MaxTest = 25)]
    public async Task Digest_length_and_sum_over_consecutive_segments_match_the_naive_primes(DoNotSize<uint> startArgument, DoNotSize<ushort> widthArgument)
    {
        var from = (ulong)(startArgument.Item % (NaivePrimes.SieveLimit - 300_000));
        var width = 1_000 + (ulong)widthArgument.Item;
        var to = from + 3 * width + width / 2;
        var digest = new TextDigest();
        for (var low = from; low <= to; low += width)
        {
            await digest.AppendAsync(SegmentSieve.Sieve(low, low + width - 1), low, Math.Min(to, low + width - 1));
        }

        await AssertDigestOfNaivePrimesAsync(digest, from, to);
    }

    [Fact]
    public async Task Segments_wider_than_a_rendering_slice_and_crossing_a_digit_band_match_the_naive_primes()
    {
        // Two segments of about 12 million integers each: several slices each, rendered at once, hashed in order.
        (ulong Low, ulong High)[] segments = [(9_000_001, 21_000_000), (21_000_001, 33_000_000)];
        var digest = new TextDigest();
        foreach (var (low, high) in segments)
        {
            await digest.AppendAsync(SegmentSieve.Sieve(low - 1, high + 5), low, high);
        }

        await AssertDigestOfNaivePrimesAsync(digest, 9_000_001, 33_000_000);
    }

    [Fact]
    public async Task The_sum_is_refused_until_the_digest_is_complete()
    {
        var digest = new TextDigest();
        await digest.AppendAsync(SegmentSieve.Sieve(0, 100), 0, 100);
        Assert.Throws<InvalidOperationException>(() => digest.Sum);
        await digest.CompleteAsync();
        Assert.Equal((UInt128)1060, digest.Sum);
    }

    [Fact]
    public async Task The_sum_at_the_top_of_the_domain_does_not_overflow()
    {
        var digest = new TextDigest();
        await digest.AppendAsync(SieveFixtures.TopOfDomain, 0, ulong.MaxValue);
        await digest.CompleteAsync();
        Assert.Equal(SieveFixtures.TopOfDomainPrimes.Aggregate(UInt128.Zero, (sum, p) => sum + p), digest.Sum);
        Assert.True(digest.Sum > ulong.MaxValue);
    }

    [Fact]
    public async Task An_empty_text_has_the_digest_of_no_bytes()
    {
        var digest = new TextDigest();
        await digest.AppendAsync(SegmentSieve.Sieve(24, 28), 24, 28);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData([])), await digest.CompleteAsync());
        Assert.Equal((0L, UInt128.Zero), (digest.Bytes, digest.Sum));
    }

    private static async Task AssertDigestOfNaivePrimesAsync(TextDigest digest, ulong from, ulong to)
    {
        var naive = NaivePrimes.PrimesIn(from, to);
        var text = NaivePrimes.Text(naive);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(text)), await digest.CompleteAsync());
        Assert.Equal(text.Length, digest.Bytes);
        Assert.Equal(naive.Aggregate(UInt128.Zero, (sum, p) => sum + p), digest.Sum);
    }
}
