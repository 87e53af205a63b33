using System.Numerics;
using System.Runtime.CompilerServices;

namespace PrimeFunctions.Engine.Counting;

/// <summary>
/// One segment [low, high) of the special leaves' sieve: a bit per odd integer, cleared as each prime crosses off its
/// multiples, with a counter per block of bits so φ(n, b) − φ(low, b) is a few additions and popcounts away.
/// </summary>
/// <remarks>
/// The hard special leaves of one level arrive in increasing n, so a query runs forward from the previous one:
/// whole blocks by their counters, then at most a block's words by popcount. Blocks of 2^10 bits trade the
/// per-level walk over the counters (segment / 2^10 additions) against the per-query popcounts (at most 16 words).
/// Crossing off keeps the counters exact branch-free: a bit that was already clear subtracts zero. Even integers
/// have no bit: 2 is always among the primes sieved before the first leaf is asked.
/// </remarks>
internal sealed class SpecialLeafSieve
{
    private const int BlockShift = 10;

    private readonly ulong[] _words;
    private readonly int[] _blocks;
    private ulong _low;
    private long _bits;
    private int _queryBlock;
    private long _queryBase;

    public SpecialLeafSieve(ulong span)
    {
        _words = new ulong[span / 128 + 1];
        _blocks = new int[(span / 2 >> BlockShift) + 1];
    }

    /// <summary>Integers of [low, high) not yet crossed off.</summary>
    public long Unmarked { get; private set; }

    /// <summary>Starts the segment [low, high), low even: every odd integer unmarked.</summary>
    public void Reset(ulong low, ulong high)
    {
        _low = low;
        _bits = (long)(high - low) / 2;
        var fullWords = (int)(_bits >> 6);
        _words.AsSpan(0, fullWords).Fill(ulong.MaxValue);
        var lastWords = (int)((_bits + 63) >> 6);
        if (lastWords > fullWords)
        {
            _words[fullWords] = (1ul << (int)(_bits & 63)) - 1;
        }

        var blocks = (int)((_bits + (1 << BlockShift) - 1) >> BlockShift);
        for (var b = 0; b < blocks; b++)
        {
            var bitsInBlock = Math.Min(1L << BlockShift, _bits - ((long)b << BlockShift));
            _blocks[b] = (int)bitsInBlock;
        }

        Unmarked = _bits;
    }

    /// <summary>Crosses off the odd multiples of the odd prime p in the segment, p itself included.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void CrossOff(ulong p)
    {
        var first = (_low + 1 + p - 1) / p * p;
        if ((first & 1) == 0)
        {
            first += p;
        }

        var words = _words;
        var blocks = _blocks;
        long removed = 0;
        for (var i = (long)((first - _low - 1) / 2); i < _bits; i += (long)p)
        {
            var w = i >> 6;
            var word = words[w];
            var bit = (long)(word >> (int)(i & 63)) & 1;
            words[w] = word & ~(1ul << (int)(i & 63));
            blocks[i >> BlockShift] -= (int)bit;
            removed += bit;
        }

        Unmarked -= removed;
    }

    /// <summary>Restarts the forward walk of <see cref="CountUpTo"/> at the segment's start.</summary>
    public void StartQueries()
    {
        _queryBlock = 0;
        _queryBase = 0;
    }

    /// <summary>Unmarked integers in [low, n]; n must not be below the previous query since <see cref="StartQueries"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public long CountUpTo(ulong n)
    {
        if (n <= _low)
        {
            return 0;
        }

        var t = (long)((n - _low - 1) / 2);
        var block = (int)(t >> BlockShift);
        while (_queryBlock < block)
        {
            _queryBase += _blocks[_queryBlock++];
        }

        var count = _queryBase;
        var lastWord = (int)(t >> 6);
        for (var w = block << (BlockShift - 6); w < lastWord; w++)
        {
            count += BitOperations.PopCount(_words[w]);
        }

        return count + BitOperations.PopCount(_words[lastWord] & ((2ul << (int)(t & 63)) - 1));
    }
}
