using Microsoft.Extensions.Caching.Memory;
using PrimeFunctions.Engine;

namespace PrimeFunctions.Storage;

/// <summary>
/// Segments this process holds in memory, by digest: a few just read, for the pages that read them next, and the ones
/// just sieved here for a job, held until its merge takes them.
/// </summary>
/// <remarks>
/// Sieves run ahead of the merge, and downloading and verifying what was sieved here would cost the merge about as much
/// as rendering it. Held ones are never evicted for newer ones — the merge reads in grid order, so the oldest are
/// needed first — and a segment that does not fit is left for the merge to download; one that no merge here takes (it
/// ran on another worker) expires.
/// </remarks>
public sealed class SegmentMemory
{
    private static readonly TimeSpan HeldFor = TimeSpan.FromMinutes(5);

    // Paging through a job reads the same segment many times in a row.
    private readonly MemoryCache recent = new(new MemoryCacheOptions { SizeLimit = 64L << 20 });
    private readonly MemoryCache sievedHere = new(new MemoryCacheOptions { SizeLimit = HoldBudget() });

    /// <summary>Holds a segment just sieved here until a merge takes it.</summary>
    public void Hold(string sha256, WheelBitmap bitmap) =>
        sievedHere.Set(sha256, bitmap, new MemoryCacheEntryOptions
        {
            Size = bitmap.SerializedLength,
            Priority = CacheItemPriority.NeverRemove,
            AbsoluteExpirationRelativeToNow = HeldFor,
        });

    /// <summary>The segment with this digest, if held or recently read here; a held one is taken (it moves to the recent ones).</summary>
    public WheelBitmap? Find(string sha256)
    {
        if (sievedHere.TryGetValue(sha256, out WheelBitmap? held) && held is not null)
        {
            sievedHere.Remove(sha256);
            Remember(sha256, held);
            return held;
        }

        return recent.TryGetValue(sha256, out WheelBitmap? cached) ? cached : null;
    }

    /// <summary>Keeps a segment just read among the recent ones.</summary>
    public void Remember(string sha256, WheelBitmap bitmap) =>
        recent.Set(sha256, bitmap, new MemoryCacheEntryOptions { Size = bitmap.SerializedLength });

    /// <summary>Memory for segments sieved here and not merged yet: a quarter of what this process may use, at most 512 MiB.</summary>
    private static long HoldBudget() => Math.Min(512L << 20, GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 4);
}
