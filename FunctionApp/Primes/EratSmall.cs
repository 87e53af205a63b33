namespace PrimeFunctions.Primes;

/// <summary>Crosses off multiples of sieving primes that hit every L1-sized chunk many times.</summary>
/// <remarks>
/// For a prime p, the multiples p·m with m in one residue class mod 30 always land on the same bit, p bytes
/// apart. So each small prime is eight arithmetic progressions with a fixed mask: the inner loop is a load,
/// an AND and a store per crossing, with no table lookups. The chunk is sized to the L1 data cache and every
/// progression is run to the end of the chunk before the next, so all those stores hit L1. Primes bigger
/// than a fraction of the chunk would pay the eight progression set-ups for too few crossings; they belong
/// to <see cref="EratMedium"/>.
/// </remarks>
internal sealed class EratSmall
{
    private readonly uint[] _primes;
    private readonly byte[] _masks;
    private readonly uint[] _next;

    /// <summary>Prepares the progressions of <paramref name="primes"/> for the wheel bitmap of [low, high].</summary>
    public EratSmall(ReadOnlySpan<uint> primes, ulong low, ulong high, ulong limit)
    {
        var baseValue = low - low % Wheel.Modulus;
        _primes = primes.ToArray();
        _masks = new byte[_primes.Length * 8];
        _next = new uint[_primes.Length * 8];
        for (var j = 0; j < _primes.Length; j++)
        {
            ulong p = _primes[j];
            var residueIndex = Wheel.BitOfResidue[(int)(p % Wheel.Modulus)];
            var start = Math.Max(p * p, low);
            var firstMultiplier = start / p + (start % p == 0 ? 0ul : 1ul);
            var maxMultiplier = high / p;
            for (var k = 0; k < 8; k++)
            {
                var m = firstMultiplier - firstMultiplier % Wheel.Modulus + Wheel.Residues[k];
                if (m < firstMultiplier)
                {
                    m += Wheel.Modulus;
                }

                _masks[j * 8 + k] = (byte)~Wheel.CrossMask[residueIndex * 8 + k];
                _next[j * 8 + k] = m <= maxMultiplier ? (uint)((p * m - baseValue) / Wheel.Modulus) : (uint)limit;
            }
        }
    }

    /// <summary>Crosses off all multiples in bytes [start, end) of <paramref name="bits"/>, in L1-sized chunks.</summary>
    public unsafe void CrossOff(byte[] bits, uint start, uint end, uint chunkBytes)
    {
        fixed (byte* b = bits)
        fixed (uint* next = _next)
        fixed (byte* masks = _masks)
        fixed (uint* primes = _primes)
        {
            for (var chunkStart = start; chunkStart < end; chunkStart += chunkBytes)
            {
                var chunkEnd = Math.Min(end, chunkStart + chunkBytes);
                for (var j = 0; j < _primes.Length; j++)
                {
                    var p = primes[j];
                    var p4 = p * 4;
                    var o = next + j * 8;
                    var mask = masks + j * 8;
                    for (var k = 0; k < 8; k++)
                    {
                        var i = o[k];
                        var m = mask[k];
                        while (i + 3 * p < chunkEnd)
                        {
                            b[i] &= m;
                            b[i + p] &= m;
                            b[i + 2 * p] &= m;
                            b[i + 3 * p] &= m;
                            i += p4;
                        }

                        while (i < chunkEnd)
                        {
                            b[i] &= m;
                            i += p;
                        }

                        o[k] = i;
                    }
                }
            }
        }
    }
}
