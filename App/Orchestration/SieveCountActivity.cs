using System.Globalization;
using Microsoft.Extensions.Options;
using PrimeFunctions.Engine;
using PrimeFunctions.Storage;

namespace PrimeFunctions.Orchestration;

/// <summary>
/// Counts the primes of a narrow range. Grid segments the range covers whole that earlier range jobs stored are counted
/// by their catalog rows, which hold each one's primes: one query for the rows, and a look at each blob — a row is
/// believed as a range job reusing it believes it (<see cref="SegmentStore.IsWholeAsync"/>), and a row that fails is
/// forgotten and its segment sieved; a row counted is touched for the job, as a range job's reuse touches it, so that
/// retention keeps what counts use. The rest is sieved with the wheel sieve, a bounded chunk at a time, never stored.
/// Downloading a segment and checking its digest would cost about what sieving it does (measured against Azurite:
/// 1.1–1.4 s for nine of 10^8 against 0.8–1.1 s to sieve them), so the count never reads the bitmaps.
/// </summary>
public sealed class SieveCountActivity(SegmentStore segments, IOptions<PrimesOptions> options)
{
    private const ulong Chunk = 1ul << 30;

    public async Task<SieveCount> RunAsync(SieveCountTask task)
    {
        var grid = new SegmentGrid(options.Value.SegmentWidth);
        var (first, last) = WholeSegments(grid, task.From, task.To);
        var stored = first <= last ? await segments.FindRangeAsync(grid.Width, first, last) : new Dictionary<long, SegmentRecord>();

        // The rows are checked while the stretches between their segments are sieved; a segment whose row fails is sieved after.
        var checks = stored.OrderBy(s => s.Key).Select(s => (Index: s.Key, Row: s.Value, Whole: segments.IsWholeAsync(grid.Width, s.Key, s.Value))).ToList();
        ulong count = 0;
        foreach (var (low, high) in Gaps(grid, task.From, task.To, checks.Select(c => c.Index)))
        {
            count += await SieveAsync(low, high);
        }

        var cached = 0;
        foreach (var (index, row, whole) in checks)
        {
            if (await whole)
            {
                count += (ulong)row.Count;
                cached++;
                await segments.TouchAsync(row, task.JobId); // false when retention took it meanwhile: counted already, as read
            }
            else
            {
                var (low, high) = grid.Bounds(index);
                count += await SieveAsync(low, high);
            }
        }

        return new SieveCount(count.ToString(CultureInfo.InvariantCulture), cached);
    }

    /// <summary>The first and last grid segments that lie whole inside [from, to] (first &gt; last when there is none).</summary>
    private static (long First, long Last) WholeSegments(SegmentGrid grid, ulong from, ulong to)
    {
        var first = grid.IndexOf(from) + (grid.Bounds(grid.IndexOf(from)).Low == from ? 0 : 1);
        var last = grid.IndexOf(to) - (grid.Bounds(grid.IndexOf(to)).High == to ? 0 : 1);
        return (first, last);
    }

    /// <summary>The stretches of [from, to] outside the given whole segments, in order.</summary>
    private static IEnumerable<(ulong Low, ulong High)> Gaps(SegmentGrid grid, ulong from, ulong to, IEnumerable<long> segments)
    {
        var next = from;
        foreach (var index in segments)
        {
            var (low, high) = grid.Bounds(index);
            if (next < low)
            {
                yield return (next, low - 1);
            }

            if (high == to)
            {
                yield break;
            }

            next = high + 1;
        }

        yield return (next, to);
    }

    private static Task<ulong> SieveAsync(ulong from, ulong to) => Task.Run(() =>
    {
        ulong count = 0;
        for (var low = from; ;)
        {
            var high = to - low < Chunk ? to : low + Chunk - 1;
            count += (ulong)SegmentSieve.Count(low, high);
            if (high == to)
            {
                return count;
            }

            low = high + 1;
        }
    });
}
