using System.Globalization;

namespace PrimeFunctions.App.Tests.Storage;

/// <summary>A manifest's parts must tile the job's range and add up to its summary before anything is served from them.</summary>
public sealed class ManifestVerifierTests
{
    // Four segments of a 100-wide grid; the range cuts into the first and the last, and crosses 10 and 100.
    private const ulong From = 5, To = 350, Width = 100;

    [Fact]
    public void Parts_that_tile_the_range_and_add_up_to_the_summary_pass()
    {
        var (summary, parts) = Manifest();

        Assert.Null(ManifestVerifier.FindFault(summary, parts));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(3)]
    public void A_lost_part_row_is_a_fault(int lost)
    {
        var (summary, parts) = Manifest();
        parts.RemoveAt(lost);

        Assert.NotNull(ManifestVerifier.FindFault(summary, parts));
    }

    [Fact]
    public void A_part_row_lost_and_the_rest_renumbered_is_a_fault()
    {
        var (summary, parts) = Manifest();
        parts.RemoveAt(1);
        parts.Add(Part(3, 301, 350, offset: 0, count: 0, textOffset: 0));
        for (var i = 0; i < parts.Count; i++)
        {
            parts[i].RowKey = "p" + i.ToString("D10", CultureInfo.InvariantCulture);
        }

        Assert.NotNull(ManifestVerifier.FindFault(summary, parts));
    }

    public static TheoryData<string> Damage => ["offset", "count", "textOffset", "low", "high", "segment", "blob", "row"];

    [Theory]
    [MemberData(nameof(Damage))]
    public void A_damaged_field_of_a_middle_part_is_a_fault(string field)
    {
        var (summary, parts) = Manifest();
        var part = parts[2];
        switch (field)
        {
            case "offset":
                part.Offset += 1;
                break;
            case "count":
                part.Count -= 1;
                break;
            case "textOffset":
                part.TextOffset += 4;
                break;
            case "low":
                part.Low = "201x";
                break;
            case "high":
                part.High = "298";
                break;
            case "segment":
                part.SegmentIndex += 1;
                break;
            case "blob":
                part.BlobName = SegmentStore.BlobNameFor(Width * 2, 1);
                break;
            case "row":
                part.RowKey = "p0000000009";
                break;
        }

        Assert.NotNull(ManifestVerifier.FindFault(summary, parts));
    }

    [Fact]
    public void A_summary_that_counts_other_primes_or_bytes_than_the_parts_is_a_fault()
    {
        var (summary, parts) = Manifest();

        Assert.NotNull(ManifestVerifier.FindFault(summary with { Count = summary.Count + 1 }, parts));
        Assert.NotNull(ManifestVerifier.FindFault(summary with { TextBytes = summary.TextBytes - 4 }, parts));
        Assert.NotNull(ManifestVerifier.FindFault(summary with { Segments = 5 }, parts));
    }

    /// <summary>The manifest of [From, To] built from trial division, independently of the merge.</summary>
    private static (JobSummary Summary, List<ManifestPart> Parts) Manifest()
    {
        var parts = new List<ManifestPart>();
        long offset = 0, textOffset = 0;
        for (var index = 0L; index <= (long)(To / Width); index++)
        {
            var low = Math.Max(From, (ulong)index * Width);
            var high = Math.Min(To, (ulong)(index + 1) * Width - 1);
            var primes = Primes(low, high);
            parts.Add(Part(index, low, high, offset, primes.Length, textOffset));
            offset += primes.Length;
            textOffset += primes.Sum(p => p.ToString(CultureInfo.InvariantCulture).Length + 1);
        }

        for (var i = 0; i < parts.Count; i++)
        {
            parts[i].RowKey = "p" + i.ToString("D10", CultureInfo.InvariantCulture);
        }

        var all = Primes(From, To);
        var summary = new JobSummary($"primes-{From}-{To}", From, To, all.Length, "0", all[0], all[^1], "00", textOffset, parts.Count, 0);
        return (summary, parts);
    }

    private static ManifestPart Part(long index, ulong low, ulong high, long offset, long count, long textOffset) => new()
    {
        SegmentIndex = index,
        BlobName = SegmentStore.BlobNameFor(Width, index),
        Low = low.ToString(CultureInfo.InvariantCulture),
        High = high.ToString(CultureInfo.InvariantCulture),
        Offset = offset,
        Count = count,
        TextOffset = textOffset,
    };

    private static ulong[] Primes(ulong low, ulong high)
    {
        var primes = new List<ulong>();
        for (var n = Math.Max(2, low); n <= high; n++)
        {
            var prime = true;
            for (ulong d = 2; d * d <= n && prime; d++)
            {
                prime = n % d != 0;
            }

            if (prime)
            {
                primes.Add(n);
            }
        }

        return [.. primes];
    }
}
