using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace PrimeFunctions.Engine;

/// <summary>Bucket sieve for sieving primes larger than a block: most blocks see at most one of their multiples.</summary>
/// <remarks>
/// Visiting every large prime in every block would cost far more than its rare crossings, and near 2^64 there
/// are up to 203 million of them. Instead each prime sits in the bucket of the block that holds its next
/// multiple; a block only processes its own bucket, then re-files each prime under the block of its next
/// multiple. An entry is 8 bytes (p / 30 and residue; offset in block and wheel position), kept in
/// fixed-size chunks of one rented array. Primes are added in batches and each batch is run over the whole
/// bitmap before the next, so the buckets never hold more than one batch: memory stays bounded however
/// many sieving primes the range needs.
/// </remarks>
internal sealed class EratBig : IDisposable
{
    private const int ChunkShift = SieveConfig.BucketChunkShift;
    private const int ChunkEntries = 1 << ChunkShift;

    private readonly int _blockShift;
    private readonly uint _length;
    private readonly ulong _low;
    private readonly ulong _high;
    private readonly ulong _base;
    private readonly int[] _head;
    private readonly int[] _fill;
    private readonly ulong[] _pool;
    private readonly int[] _nextChunk;
    private int _freeChunk = -1;
    private int _chunksUsed;

    /// <summary>Prepares buckets for the wheel bitmap of [low, high]; <paramref name="batchSize"/> bounds the primes filed at once.</summary>
    public EratBig(ulong low, ulong high, uint length, int blockShift, int batchSize)
    {
        _low = low;
        _high = high;
        _base = low - low % Wheel.Modulus;
        _length = length;
        _blockShift = blockShift;
        var blocks = (int)((length + (1u << blockShift) - 1) >> blockShift);
        _head = new int[blocks];
        _fill = new int[blocks];
        _head.AsSpan().Fill(-1);
        _fill.AsSpan().Fill(ChunkEntries);

        // Every filed prime is in exactly one bucket and only each bucket's newest chunk can be partly empty;
        // one more chunk covers the one being processed, whose primes are re-filed before it is freed.
        var chunks = batchSize / ChunkEntries + blocks + 1;
        _pool = ArrayPool<ulong>.Shared.Rent(chunks << ChunkShift);
        _nextChunk = new int[chunks];
    }

    /// <summary>Files each prime of <paramref name="primes"/> (ascending) under the block of its first multiple p·m >= max(p², low), m coprime to 30.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(ReadOnlySpan<uint> primes)
    {
        var done = 0;
        if (Vector512.IsHardwareAccelerated && primes.Length >= Vector512<ulong>.Count && (ulong)primes[^1] * primes[^1] <= _low)
        {
            done = AddWithVectorRemainders(primes);
        }

        foreach (var prime in primes[done..])
        {
            ulong p = prime;
            var start = Math.Max(p * p, _low);
            var quotient = start / p;
            var remainder = start - quotient * p;
            if (remainder == 0)
            {
                File(prime, quotient);
            }
            else if (p - remainder <= _high - start)
            {
                File(prime, quotient + 1);
            }
        }
    }

    /// <summary>Crosses off every multiple of every filed prime, block by block, leaving the buckets empty.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public unsafe void CrossOff(byte[] bits)
    {
        var blockBytes = 1u << _blockShift;
        fixed (byte* b = bits)
        fixed (ulong* pool = _pool)
        fixed (byte* crossMask = Wheel.CrossMask)
        fixed (byte* correction = Wheel.StepCorrection)
        fixed (byte* gaps = Wheel.Gaps)
        {
            for (var block = 0; block < _head.Length; block++)
            {
                var blockStart = (uint)block << _blockShift;
                var blockEnd = Math.Min(_length, blockStart + blockBytes) - blockStart;
                var blockBits = b + blockStart;
                if (_head[block] >= 0)
                {
                    TouchSequentially(blockBits, blockEnd);
                }

                while (_head[block] >= 0)
                {
                    var chunk = _head[block];
                    var entries = pool + ((nint)chunk << ChunkShift);
                    var end = entries + _fill[block];
                    _head[block] = _nextChunk[chunk];
                    _fill[block] = ChunkEntries;
                    for (; entries < end; entries++)
                    {
                        var entry = *entries;
                        var prime = (uint)entry;
                        var step = prime >> 3;
                        var residueRow = (int)(prime & 7) * 8;
                        var position = (uint)(entry >> 32);
                        var i = position >> 3;
                        var w = (int)(position & 7);
                        do
                        {
                            blockBits[i] &= (byte)~crossMask[residueRow + w];
                            i += step * gaps[w] + correction[residueRow + w];
                            w = (w + 1) & 7;
                        }
                        while (i < blockEnd);

                        var next = (ulong)blockStart + i;
                        if (next < _length)
                        {
                            Push((uint)next, prime, w);
                        }
                    }

                    _nextChunk[chunk] = _freeChunk;
                    _freeChunk = chunk;
                }
            }
        }
    }

    /// <summary>
    /// Near 2^64 nearly all of the 203 million sieving primes exceed the range's width and ~97% have no multiple
    /// in it at all, so filing them is one 64-bit division each: half the cost of a segment there. Eight lanes
    /// of double-precision division give low / p with a relative error below 2^-52; the quotient is below 2^44
    /// (low < 2^64, p > 2^20), so the error is below 2^-8 and the truncated quotient is off by at most one either
    /// way. The exact quotient and remainder then follow from a wrapping multiply and one correction each way (a
    /// comparison mask is −1 per true lane, hence the signs). Only the primes with a multiple in range are
    /// filed, with no division left to do.
    /// Requires p² &lt;= low for every prime, so that the first candidate multiple is at or above low.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int AddWithVectorRemainders(ReadOnlySpan<uint> primes)
    {
        System.Diagnostics.Debug.Assert(primes[0] > 1u << 16, "The quotient error bound needs large primes.");
        var low = Vector512.Create(_low);
        var lowAsDouble = Vector512.Create((double)_low);
        var width = Vector512.Create(_high - _low);
        var processed = primes.Length - primes.Length % Vector512<ulong>.Count;
        for (var i = 0; i < processed; i += Vector512<ulong>.Count)
        {
            var (lower, upper) = Vector256.Widen(Vector256.Create(primes.Slice(i, Vector256<uint>.Count)));
            var p = Vector512.Create(lower, upper);
            var quotient = Vector512.ConvertToUInt64(lowAsDouble / Vector512.ConvertToDouble(p)).AsInt64();
            var remainder = (low - quotient.AsUInt64() * p).AsInt64();
            var signedP = p.AsInt64();
            var negative = Vector512.LessThan(remainder, Vector512<long>.Zero);
            remainder += signedP & negative;
            quotient += negative;
            var tooLarge = Vector512.GreaterThanOrEqual(remainder, signedP);
            remainder -= signedP & tooLarge;
            quotient -= tooLarge;

            var exact = Vector512.Equals(remainder, Vector512<long>.Zero);
            var distance = Vector512.AndNot(signedP - remainder, exact).AsUInt64();
            var multiplier = (quotient + Vector512<long>.One + exact).AsUInt64();
            var inRange = Vector512.LessThanOrEqual(distance, width).ExtractMostSignificantBits();
            while (inRange != 0)
            {
                var lane = BitOperations.TrailingZeroCount(inRange);
                inRange &= inRange - 1;
                File(primes[i + lane], multiplier.GetElement(lane));
            }
        }

        return processed;
    }

    /// <summary>Files a prime whose multiplier m gives the first multiple p·m >= max(p², low) (any m): moves m up to the next value coprime to 30.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void File(uint prime, ulong m)
    {
        var w = (int)Wheel.NextResidueIndex[(int)(m % Wheel.Modulus)];
        m += (ulong)(Wheel.Residues[w & 7] + (w >> 3) * Wheel.Modulus) - m % Wheel.Modulus;
        if (Math.BigMul(prime, m, out var multiple) != 0 || multiple > _high)
        {
            return;
        }

        var entry = ((ulong)(prime / Wheel.Modulus) << 3) | Wheel.BitOfResidue[(int)(prime % Wheel.Modulus)];
        Push((uint)((multiple - _base) / Wheel.Modulus), entry, w & 7);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Push(uint index, ulong prime, int wheelIndex)
    {
        var block = (int)(index >> _blockShift);
        var fill = _fill[block];
        if (fill == ChunkEntries)
        {
            var fresh = TakeChunk();
            _nextChunk[fresh] = _head[block];
            _head[block] = fresh;
            fill = 0;
        }

        var offset = index & ((1u << _blockShift) - 1);
        _pool[(_head[block] << ChunkShift) + fill] = ((ulong)((offset << 3) | (uint)wheelIndex) << 32) | prime;
        _fill[block] = fill + 1;
    }

    /// <summary>
    /// Brings the block into cache in address order, which the hardware prefetcher streams at full bandwidth;
    /// left to the crossings, each cache line would be a separate random miss, since a batch pass comes back
    /// to a block long after the small primes left it.
    /// </summary>
    private static unsafe void TouchSequentially(byte* block, uint length)
    {
        for (uint i = 0; i < length; i += 64)
        {
            Sse.Prefetch0(block + i);
        }
    }

    public void Dispose() => ArrayPool<ulong>.Shared.Return(_pool);

    private int TakeChunk()
    {
        if (_freeChunk >= 0)
        {
            var chunk = _freeChunk;
            _freeChunk = _nextChunk[chunk];
            return chunk;
        }

        return _chunksUsed++;
    }
}
