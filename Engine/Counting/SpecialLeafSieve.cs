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
/// have no bit: 2 is always among the primes sieved before the first leaf is asked. The smallest odd primes (those
/// φ's constant-time table absorbs) would cost the most to cross off in every segment; their multiples repeat with
/// period 3·5·7·11·13 and are copied from one pattern instead.
/// </remarks>
internal sealed class SpecialLeafSieve
{
    private const int BlockShift = 10;

    private readonly ulong[] _words;
    private readonly int[] _blocks;
    private readonly ulong[] _pattern;
    private readonly int _period;
    private readonly bool _wheel30;
    private ulong _low;
    private long _bits;
    private int _queryBlock;
    private long _queryBase;

    /// <summary>A sieve of segments up to <paramref name="span"/> wide whose every segment starts with the multiples of <paramref name="presieved"/> (odd primes) crossed off.</summary>
    public SpecialLeafSieve(ulong span, ReadOnlySpan<uint> presieved)
    {
        _words = new ulong[span / 128 + 1];
        _blocks = new int[(span / 2 >> BlockShift) + 1];
        _period = 1;
        foreach (var p in presieved)
        {
            _period *= (int)p;
        }

        _wheel30 = _period % 15 == 0;

        // Bit j is the odd integer 2j + 1; one period, then enough of the next for a word read at any offset in the first.
        _pattern = new ulong[(_period + 128) / 64 + 1];
        for (var j = 0; j < _pattern.Length * 64; j++)
        {
            var n = 2 * (ulong)(j % _period) + 1;
            var free = true;
            foreach (var p in presieved)
            {
                free &= n % p != 0;
            }

            if (free)
            {
                _pattern[j >> 6] |= 1ul << (j & 63);
            }
        }
    }

    /// <summary>Integers of [low, high) not yet crossed off.</summary>
    public long Unmarked { get; private set; }

    /// <summary>Starts the segment [low, high), low even: every odd integer unmarked but the multiples of the presieved primes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Reset(ulong low, ulong high)
    {
        _low = low;
        _bits = (long)(high - low) / 2;
        var words = (int)((_bits + 63) >> 6);
        var offset = (int)(low / 2 % (ulong)_period);
        for (var w = 0; w < words; w++)
        {
            var shift = offset & 63;
            var at = offset >> 6;
            var word = _pattern[at] >> shift;
            if (shift != 0)
            {
                word |= _pattern[at + 1] << (64 - shift);
            }

            _words[w] = word;
            offset = (offset + 64) % _period;
        }

        if ((_bits & 63) != 0)
        {
            _words[words - 1] &= (1ul << (int)(_bits & 63)) - 1;
        }

        var blocks = (int)((_bits + (1 << BlockShift) - 1) >> BlockShift);
        long unmarked = 0;
        for (var b = 0; b < blocks; b++)
        {
            var count = 0;
            var end = Math.Min(words, (b + 1) << (BlockShift - 6));
            for (var w = b << (BlockShift - 6); w < end; w++)
            {
                count += BitOperations.PopCount(_words[w]);
            }

            _blocks[b] = count;
            unmarked += count;
        }

        Unmarked = unmarked;
    }

    /// <summary>Crosses off the odd multiples of the odd prime p in the segment, p itself included.</summary>
    /// <remarks>
    /// When 3 and 5 are presieved, p·m with m divisible by 3 or 5 is already crossed off, so m steps through the
    /// residues coprime to 30 (8 of every 15 odd m): in bits, steps of 3p, 2p, p, 2p, p, 2p, 3p, p.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void CrossOff(ulong p)
    {
        var m = (_low + p) / p;
        var wheel = 0;
        if (_wheel30 && p > 5)
        {
            wheel = WheelIndex[(int)(m % 30)];
            m += WheelAdvance[(int)(m % 30)];
        }
        else if ((m & 1) == 0)
        {
            m++;
        }

        var first = p * m;
        Span<long> steps = stackalloc long[8];
        for (var j = 0; j < 8; j++)
        {
            steps[j] = _wheel30 && p > 5 ? (long)p * WheelGaps[(wheel + j) & 7] / 2 : (long)p;
        }

        var words = _words;
        var blocks = _blocks;
        long removed = 0;
        var step = 0;
        for (var i = (long)((first - _low - 1) / 2); i < _bits; i += steps[step], step = (step + 1) & 7)
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

    // For m mod 30: how far to the next residue coprime to 30 (0 if m is one), and that residue's place among the eight.
    private static ReadOnlySpan<byte> WheelAdvance => [1, 0, 5, 4, 3, 2, 1, 0, 3, 2, 1, 0, 1, 0, 3, 2, 1, 0, 1, 0, 3, 2, 1, 0, 5, 4, 3, 2, 1, 0];

    private static ReadOnlySpan<byte> WheelIndex => [0, 0, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 4, 4, 4, 4, 5, 5, 6, 6, 6, 6, 7, 7, 7, 7, 7, 7];

    // From each residue coprime to 30 (1, 7, 11, 13, 17, 19, 23, 29) to the next.
    private static ReadOnlySpan<byte> WheelGaps => [6, 4, 2, 4, 2, 4, 6, 2];

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
