using System.Security.Cryptography;
using PrimeFunctions.Engine;

namespace PrimeFunctions.Bench;

/// <summary>
/// What a range job computes, without the service around it: every grid segment the range touches sieved on
/// <c>threads</c> threads, serialized with its digest and — given a <see cref="SegmentSink"/> — uploaded with a catalog
/// row, as a segment activity stores it (otherwise kept in memory), then — in order, while later segments are still
/// being sieved — clipped, rendered as text and hashed (as the merge does, with the merge's own
/// <see cref="TextDigest"/>). The floor a job's time from request to result can be compared with.
/// </summary>
internal sealed class EnginePipeline(ulong from, ulong to, ulong segmentWidth, int threads, SegmentSink? storage = null)
{
    public async Task<(long Count, string Sha256)> RunAsync()
    {
        var grid = new SegmentGrid(segmentWidth);
        long first = grid.IndexOf(from), last = grid.IndexOf(to), next = first;
        var sieving = new Queue<Task<WheelBitmap>>();
        void Refill()
        {
            // Sieving runs at most `threads` segments ahead of the one being rendered.
            while (sieving.Count < threads && next <= last)
            {
                var index = next++;
                sieving.Enqueue(Task.Run(() => SieveAndStoreAsync(grid, index)));
            }
        }

        Refill();
        var text = new TextDigest();
        long count = 0;
        while (sieving.Count > 0)
        {
            var bitmap = await sieving.Dequeue();
            Refill();
            ulong low = Math.Max(from, bitmap.Low), high = Math.Min(to, bitmap.High);
            count += bitmap.CountRange(low, high);
            await text.AppendAsync(bitmap, low, high);
        }

        return (count, await text.CompleteAsync());
    }

    private async Task<WheelBitmap> SieveAndStoreAsync(SegmentGrid grid, long index)
    {
        var (low, high) = grid.Bounds(index);
        var bitmap = SegmentSieve.Sieve(low, high);
        var bytes = bitmap.ToStoredBytes();

        var sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes));
        if (storage is not null)
        {
            await storage.StoreAsync(index, bytes, sha256, bitmap.Count);
        }

        return bitmap;
    }
}
