namespace PrimeFunctions.Primes;

/// <summary>Bucket sieve for sieving primes larger than a block: most blocks see at most one of their multiples.</summary>
/// <remarks>
/// Visiting every large prime in every block would cost far more than its rare crossings, and near 2^64 there
/// are up to 203 million of them. Instead each prime sits in the bucket of the block that holds its next
/// multiple; a block only processes its own bucket, then re-files each prime under the block of its next
/// multiple. An entry is 8 bytes (p / 30, residue, wheel position, offset in block), kept in pooled chunks.
/// Primes are added in batches and each batch is run over the whole bitmap before the next, so the buckets
/// never hold more than one batch: memory stays bounded however many sieving primes the range needs.
/// </remarks>
internal sealed class EratBig
{
    private const int ChunkEntries = 2048;

    private readonly int _blockShift;
    private readonly uint _length;
    private readonly ulong _low;
    private readonly ulong _high;
    private readonly int[] _head;
    private readonly int[] _headCount;
    private readonly List<ulong[]> _chunks = [];
    private readonly List<int> _nextChunk = [];
    private readonly Stack<int> _freeChunks = new();

    public EratBig(ulong low, ulong high, uint length, int blockShift)
    {
        _low = low;
        _high = high;
        _length = length;
        _blockShift = blockShift;
        var blocks = (int)((length + (1u << blockShift) - 1) >> blockShift);
        _head = new int[blocks];
        _headCount = new int[blocks];
        _head.AsSpan().Fill(-1);
    }

    /// <summary>Files each prime of <paramref name="primes"/> under the block of its first multiple in range.</summary>
    public void Add(ReadOnlySpan<uint> primes)
    {
        foreach (var p in primes)
        {
            if (SievingCursor.TryCreate(p, _low, _high, out var cursor))
            {
                Push(cursor.Index, ((ulong)cursor.Step << 3) | (uint)cursor.Residue, cursor.WheelIndex);
            }
        }
    }

    /// <summary>Crosses off every multiple of every filed prime, block by block, leaving the buckets empty.</summary>
    public unsafe void CrossOff(byte[] bits)
    {
        var blockBytes = 1u << _blockShift;
        fixed (byte* b = bits)
        fixed (byte* crossMask = Wheel.CrossMask)
        fixed (byte* correction = Wheel.StepCorrection)
        fixed (byte* gaps = Wheel.Gaps)
        {
            for (var block = 0; block < _head.Length; block++)
            {
                var chunk = _head[block];
                var count = _headCount[block];
                _head[block] = -1;
                var blockStart = (uint)block << _blockShift;
                var blockEnd = Math.Min(_length, blockStart + blockBytes) - blockStart;
                var blockBits = b + blockStart;
                while (chunk >= 0)
                {
                    var entries = _chunks[chunk];
                    for (var e = 0; e < count; e++)
                    {
                        var entry = entries[e];
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

                    var done = chunk;
                    chunk = _nextChunk[chunk];
                    count = ChunkEntries;
                    _freeChunks.Push(done);
                }
            }
        }
    }

    private void Push(uint index, ulong prime, int wheelIndex)
    {
        var block = (int)(index >> _blockShift);
        var offset = index & ((1u << _blockShift) - 1);
        var chunk = _head[block];
        if (chunk < 0 || _headCount[block] == ChunkEntries)
        {
            var fresh = TakeChunk();
            _nextChunk[fresh] = chunk;
            _head[block] = fresh;
            _headCount[block] = 0;
            chunk = fresh;
        }

        _chunks[chunk][_headCount[block]++] = ((ulong)((offset << 3) | (uint)wheelIndex) << 32) | prime;
    }

    private int TakeChunk()
    {
        if (_freeChunks.TryPop(out var chunk))
        {
            return chunk;
        }

        _chunks.Add(new ulong[ChunkEntries]);
        _nextChunk.Add(-1);
        return _chunks.Count - 1;
    }
}
