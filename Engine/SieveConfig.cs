using System.Numerics;

namespace PrimeFunctions.Engine;

/// <summary>The engine's tuning choices in one place: chunk and block sizes derived from the caches, and the fixed thresholds, each with its reason.</summary>
/// <remarks>
/// Nearly every choice here trades set-up cost against cache misses. A sieving prime pays a fixed cost each time
/// it is picked up (load its cursor, step to a whole turn of the wheel and from the last one, store the cursor
/// back), and one store per multiple; the
/// stores are cheap only while the bytes they hit are in cache. So the small primes, with many multiples per
/// chunk, cross off an L1-sized chunk at a time; the medium primes, with a few multiples per block, cross off
/// an L2-sized block at a time while it is still cached; and the primes with less than one multiple per block
/// are filed in buckets by the block of their next multiple, so that no block visits a prime it does not hit.
/// Larger chunks and blocks amortise more set-ups per prime but spill out of their cache level; smaller ones stay
/// cached but pay the set-ups more often and move primes from the cheap classes to the dearer ones. The chunk
/// and block sizes therefore follow the machine (<see cref="CacheSizes"/>), as primesieve's do; the rest are
/// fixed, chosen for memory bounds or measured on the reference machine (AMD EPYC Zen 4, 2 vCPUs, 32 KiB L1d,
/// 512 KiB L2 per core) with <c>Bench sieve</c> and <c>Bench/compare.sh</c>. Sizes are powers of two because the
/// bucket sieve finds a byte's block with a shift and its offset with a mask.
/// </remarks>
internal sealed record SieveConfig
{
    /// <summary>
    /// Primes filed in the bucket sieve at once. Bounds its memory near 2^64, where 203 million primes below 2^32
    /// are needed: 2^21 entries of 8 bytes, plus the batch itself, keep the sieving state near 40 MB whatever
    /// the range (a 10^8 segment below 2^64 peaked at 175 MB before batching, 77 MB after).
    /// </summary>
    public const int BucketBatch = 1 << 21;

    /// <summary>
    /// log2 of the entries in one bucket chunk (1024 entries, 8 KiB): large enough that following a bucket's
    /// chain of chunks is rare next to the crossings, small enough that each block's one partly filled chunk
    /// wastes little. Fixed rather than derived: it sizes bookkeeping, not a working set, and the bucket sieve's
    /// loops shift by it.
    /// </summary>
    public const int BucketChunkShift = 10;

    /// <summary>
    /// Sieving primes computed once per process and shared by every segment: all primes up to the largest
    /// block (<see cref="MaxBlockShift"/>), so the small and medium classes of any config come from the cache,
    /// which also covers every segment below 2^40. Caching up to 2^22 cost about 35 ms per process for primes
    /// only the bucket sieve used, which generates them cheaply anyway; up to 2^20 it costs about 12 ms.
    /// </summary>
    public const uint SievingPrimeCacheLimit = 1u << MaxBlockShift;

    /// <summary>
    /// Ranges narrower than √high / 64 test their survivors one by one instead of running the bucket sieve.
    /// After the small and medium primes about 4% of integers survive, at about a microsecond of Miller–Rabin
    /// each, while the bucket sieve must generate every prime up to √high whatever the width (about 2 s near
    /// 2^64); [2^64 − 10^5, 2^64 − 1] went from 2 s to 0.1 s.
    /// </summary>
    public const uint SurvivorWidthDivisor = 64;

    /// <summary>
    /// Bytes of bitmap per cumulative count in the wheel bitmap's rank index: 8 bytes per 256 is 3% extra
    /// memory, and a rank or n-th-prime query popcounts at most 32 words (about 30 ns).
    /// </summary>
    public const int RankBlockBytes = 256;

    /// <summary>Assumed L1d when the machine does not say: the most common size on x64 and ARM cores.</summary>
    public const long DefaultL1DataBytes = 32 << 10;

    /// <summary>Assumed L2 per core when the machine does not say: common on current server cores.</summary>
    public const long DefaultL2Bytes = 1 << 20;

    /// <summary>Smallest chunk, 8 KiB: below that the small primes' set-ups dominate whatever the cache.</summary>
    private const int MinChunkShift = 13;

    /// <summary>Largest chunk, 128 KiB: no core we know of has a larger L1d, so a larger report is a misreading.</summary>
    private const int MaxChunkShift = 17;

    /// <summary>
    /// Smallest block, 64 KiB: the medium limit (the block size) must cover the primes up to 2^16, which sieve
    /// the windows that generate the bucket sieve's primes; any prime it left out would pass as a prime there.
    /// </summary>
    private const int MinBlockShift = 16;

    /// <summary>Largest block, 1 MiB: the medium primes come from the shared cache, which stops at 2^20.</summary>
    private const int MaxBlockShift = 20;

    /// <summary>The config for the caches of this machine, read once per process.</summary>
    public static SieveConfig Machine { get; } = FromCacheSizes(CacheSizes.OfThisMachine());

    /// <summary>log2 of <see cref="ChunkBytes"/>.</summary>
    public int ChunkShift { get; private init; }

    /// <summary>log2 of <see cref="BlockBytes"/>.</summary>
    public int BlockShift { get; private init; }

    /// <summary>Bytes of bitmap the small primes cross off before moving on: the L1d, so every store hits L1.</summary>
    public uint ChunkBytes => 1u << ChunkShift;

    /// <summary>Bytes of bitmap the medium primes cross off at once: twice the L2, so each medium prime's set-up is paid half as often.</summary>
    /// <remarks>
    /// The small primes work on one L1-sized chunk at a time, so the block need not fit in L2: what it sets is how
    /// often each medium prime is picked up, and how far the count streams without the bucket sieve. On the reference
    /// machine (512 KiB L2), blocks of 1 MiB against 512 KiB, seconds of one thread, two runs each on an idle
    /// machine: [10^12, 10^12 + 10^9] 0.37–0.38 against 0.47–0.48; π(10^10) 2.07–2.09 against 2.10–2.12;
    /// [10^18, 10^18 + 10^9] 3.38–3.53 against 3.77–3.89. Chunks of 16 and 64 KiB were slower than the 32 KiB L1d.
    /// </remarks>
    public uint BlockBytes => 1u << BlockShift;

    /// <summary>
    /// Largest small prime: an eighth of the chunk, so that it makes at least eight whole turns of the wheel (64
    /// multiples) per chunk to pay for its set-up. Larger primes go to the medium class. Against a quarter, three
    /// interleaved runs each on the reference machine: π(10^10) 2.00–2.05 s against 2.08–2.09 s, [10^12, 10^12 + 10^9]
    /// 0.369–0.373 s against 0.375–0.378 s; a sixteenth measured alike, a half slower.
    /// </summary>
    public uint SmallLimit => ChunkBytes / 8;

    /// <summary>
    /// Largest medium prime: the block size, above which a prime has less than one turn of the wheel per block and
    /// visiting every prime in every block would cost more than its crossings; those go to the bucket sieve.
    /// </summary>
    public uint MediumLimit => BlockBytes;

    /// <summary>
    /// Chunk = L1d and block = twice the L2 (per core), each rounded down to a power of two and clamped to the sizes
    /// the sieve supports; an unknown (non-positive) size takes its default.
    /// </summary>
    public static SieveConfig FromCacheSizes(CacheSizes caches)
    {
        var chunkShift = Math.Clamp(FloorLog2(caches.L1DataBytes, DefaultL1DataBytes), MinChunkShift, MaxChunkShift);
        var blockShift = Math.Clamp(FloorLog2(caches.L2Bytes, DefaultL2Bytes) + 1, Math.Max(MinBlockShift, chunkShift), MaxBlockShift);
        return new SieveConfig { ChunkShift = chunkShift, BlockShift = blockShift };
    }

    private static int FloorLog2(long bytes, long fallback) => BitOperations.Log2((ulong)(bytes > 0 ? bytes : fallback));
}
