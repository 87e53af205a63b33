using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace PrimeFunctions.Engine;

/// <summary>The primes of [Low, High] as a mod-30 wheel bitmap (8 bits per 30 integers) with a rank index.</summary>
/// <remarks>
/// This is the sieve's own output, kept as is: 1/30 byte per integer, which is 0.69 bytes per prime near
/// 10^9 and 0.92 near 10^12. Counting is popcount. A cumulative count every
/// <see cref="SieveConfig.RankBlockBytes"/> bytes (3% overhead, rebuilt on load rather than stored) lets <see cref="Rank"/> and <see cref="PrimeAt"/> touch at most 32 words.
/// 2, 3 and 5 have no bit on the wheel and are handled beside it.
/// </remarks>
public sealed class WheelBitmap
{
    private const int RankBlockWords = SieveConfig.RankBlockBytes / 8;
    private const int HeaderLength = 48;
    private const uint Magic = 0x42574650;
    private const ushort FormatVersion = 1;

    private readonly byte[] _bits;
    private readonly uint _length;
    private readonly ulong _base;
    private readonly long[] _rank;
    private readonly int _offWheelCount;
    private int[]? _wordRank;

    internal WheelBitmap(ulong low, ulong high, byte[] bits)
    {
        Low = low;
        High = high;
        _base = low - low % Wheel.Modulus;
        _length = (uint)((high - _base) / Wheel.Modulus + 1);
        _bits = bits;
        foreach (var p in Wheel.OffWheelPrimes)
        {
            if (p >= low && p <= high)
            {
                _offWheelCount++;
            }
        }

        var words = Words;
        _rank = new long[(words.Length + RankBlockWords - 1) / RankBlockWords + 1];
        long total = 0;
        for (var w = 0; w < words.Length; w++)
        {
            if (w % RankBlockWords == 0)
            {
                _rank[w / RankBlockWords] = total;
            }

            total += BitOperations.PopCount(words[w]);
        }

        _rank[^1] = total;
        Count = total + _offWheelCount;
    }

    public ulong Low { get; }

    /// <summary>Inclusive upper end.</summary>
    public ulong High { get; }

    /// <summary>Primes in [Low, High], 2, 3 and 5 included when in range.</summary>
    public long Count { get; }

    /// <summary>Bytes of the stored form written by <see cref="WriteTo"/>.</summary>
    public int SerializedLength => HeaderLength + (int)_length;

    private ReadOnlySpan<ulong> Words => MemoryMarshal.Cast<byte, ulong>(_bits.AsSpan(0, PaddedLength(_length)));

    /// <summary>Primes in [low, high] ∩ [Low, High]; 0 when that is empty.</summary>
    public long CountRange(ulong low, ulong high)
    {
        if (low > high || high < Low || low > High)
        {
            return 0;
        }

        return low <= Low ? Rank(high) : Rank(high) - Rank(low - 1);
    }

    /// <summary>Primes in [Low, x]; 0 when x is below Low.</summary>
    public long Rank(ulong x)
    {
        if (x < Low)
        {
            return 0;
        }

        x = Math.Min(x, High);
        long offWheel = x >= 5 ? _offWheelCount : 0;
        if (x < 5)
        {
            foreach (var p in Wheel.OffWheelPrimes)
            {
                if (p >= Low && p <= x)
                {
                    offWheel++;
                }
            }
        }

        var byteIndex = (x - _base) / Wheel.Modulus;
        var lastByteMask = Wheel.MaskUpTo((int)((x - _base) % Wheel.Modulus));
        return offWheel + BitsBefore(byteIndex) + BitOperations.PopCount((uint)(_bits[byteIndex] & lastByteMask));
    }

    /// <summary>The index-th prime (from 0) of [Low, High], found through the rank index.</summary>
    public ulong PrimeAt(long index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        if (index < _offWheelCount)
        {
            foreach (var p in Wheel.OffWheelPrimes)
            {
                if (p >= Low && index-- == 0)
                {
                    return p;
                }
            }
        }

        var target = index - _offWheelCount;
        var block = UpperBound(_rank, target) - 1;
        var remaining = target - _rank[block];
        var words = Words;
        for (var w = block * RankBlockWords; ; w++)
        {
            var bitsInWord = BitOperations.PopCount(words[w]);
            if (remaining < bitsInWord)
            {
                var bit = SelectBit(words[w], (int)remaining);
                return _base + (ulong)w * 8 * Wheel.Modulus + Wheel.WordBitOffset[bit];
            }

            remaining -= bitsInWord;
        }
    }

    /// <summary>Sum of the primes in [low, high] ∩ [Low, High].</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public UInt128 Sum(ulong low, ulong high)
    {
        low = Math.Max(low, Low);
        high = Math.Min(high, High);
        if (low > high)
        {
            return 0;
        }

        UInt128 sum = 0;
        foreach (var p in Wheel.OffWheelPrimes)
        {
            if (p >= low && p <= high)
            {
                sum += p;
            }
        }

        var first = (uint)((low - _base) / Wheel.Modulus);
        var last = (uint)((high - _base) / Wheel.Modulus);
        ulong primes = 0;
        ulong weightedIndex = 0;
        ulong residues = 0;
        for (var i = first; i <= last; i++)
        {
            int b = _bits[i];
            if (i == first)
            {
                b &= Wheel.MaskFrom((int)((low - _base) % Wheel.Modulus));
            }

            if (i == last)
            {
                b &= Wheel.MaskUpTo((int)((high - _base) % Wheel.Modulus));
            }

            primes += Wheel.PopCount[b];
            weightedIndex += Wheel.PopCount[b] * (ulong)i;
            residues += Wheel.ResidueSum[b];
        }

        return sum + (UInt128)_base * primes + (UInt128)weightedIndex * Wheel.Modulus + residues;
    }

    /// <summary>
    /// Writes the primes p with position &lt;= p &lt;= high (within [Low, High]) in decimal, one per line ending in '\n',
    /// as many whole lines as fit; moves position past the last prime written and returns the bytes written (0 when none remain).
    /// Bytes of <paramref name="destination"/> past those written may be overwritten too.
    /// </summary>
    public int WriteText(ref ulong position, ulong high, Span<byte> destination)
    {
        var sink = new TextSink(destination, summing: false);
        Visit(position, high, ref sink);
        if (sink.Written > 0)
        {
            position = sink.Last + 1;
        }

        return sink.Written;
    }

    /// <summary>Same as <see cref="WriteText(ref ulong, ulong, Span{byte})"/>, adding the primes written to <paramref name="sum"/> on the way.</summary>
    public int WriteText(ref ulong position, ulong high, Span<byte> destination, ref UInt128 sum)
    {
        var sink = new TextSink(destination, summing: true);
        Visit(position, high, ref sink);
        if (sink.Written > 0)
        {
            position = sink.Last + 1;
            sum += sink.Sum;
        }

        return sink.Written;
    }

    /// <summary>Same contract as <see cref="WriteText"/>, writing the primes themselves.</summary>
    public int WritePrimes(ref ulong position, ulong high, Span<ulong> destination)
    {
        var sink = new PrimeSink(destination);
        Visit(position, high, ref sink);
        if (sink.Written > 0)
        {
            position = destination[sink.Written - 1] + 1;
        }

        return sink.Written;
    }

    /// <summary>Writes the stored form: a versioned 48-byte header (range, count, checksum) then the bitmap bytes.</summary>
    public void WriteTo(Stream destination)
    {
        Span<byte> header = stackalloc byte[HeaderLength];
        BinaryPrimitives.WriteUInt32LittleEndian(header, Magic);
        BinaryPrimitives.WriteUInt16LittleEndian(header[4..], FormatVersion);
        BinaryPrimitives.WriteUInt16LittleEndian(header[6..], 0);
        BinaryPrimitives.WriteUInt64LittleEndian(header[8..], Low);
        BinaryPrimitives.WriteUInt64LittleEndian(header[16..], High);
        BinaryPrimitives.WriteUInt64LittleEndian(header[24..], (ulong)Count);
        BinaryPrimitives.WriteUInt64LittleEndian(header[32..], _length);
        BinaryPrimitives.WriteUInt64LittleEndian(header[40..], Checksum(header[..40], Words));
        destination.Write(header);
        destination.Write(_bits, 0, (int)_length);
    }

    /// <summary>The stored form (<see cref="WriteTo"/>) as an array of exactly <see cref="SerializedLength"/> bytes.</summary>
    public byte[] ToStoredBytes()
    {
        var bytes = new byte[SerializedLength];
        using var stream = new MemoryStream(bytes);
        WriteTo(stream);
        return bytes;
    }

    /// <summary>Reads the stored form; throws <see cref="InvalidDataException"/> on anything malformed, truncated or corrupt.</summary>
    public static WheelBitmap ReadFrom(ReadOnlySpan<byte> source)
    {
        if (source.Length < HeaderLength)
        {
            throw new InvalidDataException("Wheel bitmap is shorter than its header.");
        }

        if (BinaryPrimitives.ReadUInt32LittleEndian(source) != Magic)
        {
            throw new InvalidDataException("Not a wheel bitmap: bad magic number.");
        }

        var version = BinaryPrimitives.ReadUInt16LittleEndian(source[4..]);
        if (version != FormatVersion || BinaryPrimitives.ReadUInt16LittleEndian(source[6..]) != 0)
        {
            throw new InvalidDataException($"Unsupported wheel bitmap version {version}.");
        }

        var low = BinaryPrimitives.ReadUInt64LittleEndian(source[8..]);
        var high = BinaryPrimitives.ReadUInt64LittleEndian(source[16..]);
        var count = BinaryPrimitives.ReadUInt64LittleEndian(source[24..]);
        var length = BinaryPrimitives.ReadUInt64LittleEndian(source[32..]);
        var checksum = BinaryPrimitives.ReadUInt64LittleEndian(source[40..]);
        if (low > high || high - low >= SegmentSieve.MaxWidth)
        {
            throw new InvalidDataException("Wheel bitmap range is invalid.");
        }

        var baseValue = low - low % Wheel.Modulus;
        if (length != (high - baseValue) / Wheel.Modulus + 1 || (ulong)source.Length - HeaderLength != length)
        {
            throw new InvalidDataException("Wheel bitmap length does not match its range.");
        }

        var bits = new byte[PaddedLength((uint)length)];
        source[HeaderLength..].CopyTo(bits);
        var outside = (byte)~Wheel.MaskFrom((int)(low - baseValue));
        if (baseValue == 0)
        {
            outside |= 1;
        }

        if ((bits[0] & outside) != 0 || (bits[length - 1] & (byte)~Wheel.MaskUpTo((int)((high - baseValue) % Wheel.Modulus))) != 0)
        {
            throw new InvalidDataException("Wheel bitmap has bits outside its range.");
        }

        var bitmap = new WheelBitmap(low, high, bits);
        if ((ulong)bitmap.Count != count || Checksum(source[..40], bitmap.Words) != checksum)
        {
            throw new InvalidDataException("Wheel bitmap content does not match its checksum.");
        }

        return bitmap;
    }

    internal static int PaddedLength(uint length) => checked((int)((length + 7) & ~7u));

    /// <summary>A fast multiplicative hash of the header and bitmap: it catches accidental corruption, not tampering.</summary>
    private static ulong Checksum(ReadOnlySpan<byte> header, ReadOnlySpan<ulong> words) =>
        Mix(Mix(0x243F6A8885A308D3ul, MemoryMarshal.Cast<byte, ulong>(header)), words);

    private static ulong Mix(ulong hash, ReadOnlySpan<ulong> words)
    {
        foreach (var word in words)
        {
            hash = (hash ^ word) * 0x9E3779B97F4A7C15ul;
            hash ^= hash >> 29;
        }

        return hash;
    }

    private static int UpperBound(long[] sorted, long value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (sorted[mid] <= value)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    private static int SelectBit(ulong word, int rank)
    {
        for (var i = 0; i < rank; i++)
        {
            word &= word - 1;
        }

        return BitOperations.TrailingZeroCount(word);
    }

    /// <summary>
    /// Makes <see cref="Rank"/> a lookup and one popcount, with an index of every word (half the bitmap's size again):
    /// for the prime count, which asks π at hundreds of millions of places in one bitmap.
    /// </summary>
    internal void IndexEveryWord()
    {
        var words = Words;
        var ranks = new int[words.Length];
        var total = 0;
        for (var w = 0; w < words.Length; w++)
        {
            ranks[w] = total;
            total += BitOperations.PopCount(words[w]);
        }

        _wordRank = ranks;
    }

    private long BitsBefore(ulong byteIndex)
    {
        var words = Words;
        var wordIndex = (int)(byteIndex / 8);
        long bits;
        if (_wordRank is { } wordRank)
        {
            bits = wordRank[wordIndex];
        }
        else
        {
            var block = wordIndex / RankBlockWords;
            bits = _rank[block];
            for (var w = block * RankBlockWords; w < wordIndex; w++)
            {
                bits += BitOperations.PopCount(words[w]);
            }
        }

        var partial = (int)(byteIndex % 8) * 8;
        return partial == 0 ? bits : bits + BitOperations.PopCount(words[wordIndex] & ((1ul << partial) - 1));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Visit<TSink>(ulong from, ulong to, ref TSink sink)
        where TSink : IPrimeSink, allows ref struct
    {
        from = Math.Max(from, Low);
        to = Math.Min(to, High);
        if (from > to)
        {
            return;
        }

        foreach (var p in Wheel.OffWheelPrimes)
        {
            if (p >= from && p <= to && !sink.Accept(p))
            {
                return;
            }
        }

        var firstByte = (from - _base) / Wheel.Modulus;
        var lastByte = (to - _base) / Wheel.Modulus;
        var words = Words;
        var firstWord = (int)(firstByte / 8);
        var lastWord = (int)(lastByte / 8);
        var firstShift = (int)(firstByte % 8 * 8);
        var firstMask = ~0ul << firstShift & ~((ulong)(byte)~Wheel.MaskFrom((int)((from - _base) % Wheel.Modulus)) << firstShift);
        var lastShift = (int)(lastByte % 8 * 8);
        var lastMask = ((1ul << lastShift) - 1) | (ulong)Wheel.MaskUpTo((int)((to - _base) % Wheel.Modulus)) << lastShift;
        for (var w = firstWord; w <= lastWord; w++)
        {
            var word = words[w];
            if (w == firstWord)
            {
                word &= firstMask;
            }

            if (w == lastWord)
            {
                word &= lastMask;
            }

            var wordBase = _base + (ulong)w * 8 * Wheel.Modulus;
            while (word != 0)
            {
                if (!sink.Accept(wordBase + Wheel.WordBitOffset[BitOperations.TrailingZeroCount(word)]))
                {
                    return;
                }

                word &= word - 1;
            }
        }
    }

    private interface IPrimeSink
    {
        /// <summary>Takes the next prime in ascending order; false when there is no room for it.</summary>
        bool Accept(ulong prime);
    }

    /// <summary>Writes each prime as a decimal line.</summary>
    /// <remarks>
    /// Consecutive primes share all but their last few digits, so the sink keeps the previous prime's line and adds
    /// the gap to it: to its last two digits as one number, carrying into the digits above only when they pass 99
    /// (about one prime in five), and rendering afresh only when a carry would add a digit or the gap is 100 or more.
    /// The line is then copied out as one 32-byte block, the bytes past the newline to be overwritten by the next line.
    /// </remarks>
    private ref struct TextSink(Span<byte> destination, bool summing) : IPrimeSink
    {
        /// <summary>Where the current line's newline is in <see cref="_line"/>; its digits end there.</summary>
        private const int LineEnd = 24;

        private const int CopyBytes = 32;

        private readonly Span<byte> _destination = destination;
        private LineBuffer _line;
        private int _digits;
        private uint _lastPair;

        public int Written;
        public ulong Last;
        public UInt128 Sum;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public bool Accept(ulong prime)
        {
            if (Written + CopyBytes > _destination.Length)
            {
                return AcceptNearTheEnd(prime);
            }

            var gap = prime - Last;
            if (_digits < 2 || gap >= 100 || !AddToLine((uint)gap))
            {
                Render(prime);
            }

            Unsafe.CopyBlockUnaligned(ref _destination[Written], ref _line[LineEnd - _digits], CopyBytes);
            Written += _digits + 1;
            Last = prime;
            if (summing)
            {
                Sum += prime;
            }

            return true;
        }

        /// <summary>Adds <paramref name="gap"/> (below 100) to the line's number; false when a carry would need a new leading digit.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private bool AddToLine(uint gap)
        {
            var pair = _lastPair + gap;
            if (pair >= 100)
            {
                pair -= 100;
                var i = LineEnd - 3;
                for (; i >= LineEnd - _digits && _line[i] == (byte)'9'; i--)
                {
                    _line[i] = (byte)'0';
                }

                if (i < LineEnd - _digits)
                {
                    return false;
                }

                _line[i]++;
            }

            _lastPair = pair;
            Unsafe.WriteUnaligned(ref _line[LineEnd - 2], Unsafe.ReadUnaligned<ushort>(ref Unsafe.AsRef(in DecimalText.Pair(pair))));
            return true;
        }

        private void Render(ulong prime)
        {
            _digits = DecimalText.DigitCount(prime);
            DecimalText.Write(prime, _digits, _line[(LineEnd - _digits)..LineEnd]);
            _line[LineEnd] = (byte)'\n';
            _lastPair = (uint)(prime % 100);
        }

        /// <summary>The last lines of the destination, where a 32-byte copy would not fit: rendered in place.</summary>
        private bool AcceptNearTheEnd(ulong prime)
        {
            var digits = DecimalText.DigitCount(prime);
            if (Written + digits + 1 > _destination.Length)
            {
                return false;
            }

            DecimalText.Write(prime, digits, _destination[Written..]);
            _destination[Written + digits] = (byte)'\n';
            Written += digits + 1;
            Last = prime;
            if (summing)
            {
                Sum += prime;
            }

            _digits = 0;
            return true;
        }

        [InlineArray(LineEnd + CopyBytes)]
        private struct LineBuffer
        {
            private byte _first;
        }
    }

    private ref struct PrimeSink(Span<ulong> destination) : IPrimeSink
    {
        private readonly Span<ulong> _destination = destination;

        public int Written;

        public bool Accept(ulong prime)
        {
            if (Written == _destination.Length)
            {
                return false;
            }

            _destination[Written++] = prime;
            return true;
        }
    }
}
