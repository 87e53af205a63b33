using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace PrimeFunctions.Engine.Counting;

/// <summary>
/// The expensive term: every special leaf whose argument n = x/(p·m) lies in one interval of [0, x/y), together with
/// the P2 terms π(x/p) that fall there, computed by sieving the interval segment by segment.
/// </summary>
/// <remarks>
/// A segment is sieved prime by prime (<see cref="SpecialLeafSieve"/>); before prime p_b crosses off its multiples,
/// the sieve holds the integers free of the first b − 1 primes, so the hard leaves of level b (n ≥ p_b², where no
/// table helps) are counted there. Only the levels that can still have a hard leaf at or above the segment's start
/// are sieved, which shrinks from about π(x^¼) at the bottom to π(√y) at the top. The easy leaves above y
/// (n &lt; p_b², so φ(n, b − 1) = π(n) − b + 2) and the P2 terms need π(n) for n up to x/y: the engine's wheel sieve
/// counts each chunk and its rank index answers them. Values are relative to the interval's start; the
/// <see cref="S2Partial"/> says how much of what lies below is still to be added, so intervals run in any order,
/// on any machine.
/// </remarks>
internal static class SpecialLeaves
{
    /// <summary>Integers per segment of the leaf sieve: 2^19 bits, 64 KiB, close to the L2 cache of one core.</summary>
    internal const ulong SegmentSpan = 1ul << 20;

    /// <summary>Integers per call of the engine's sieve that gives π in the interval.</summary>
    private const ulong ChunkSpan = 1ul << 24;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static S2Partial Compute(CountParameters parameters, FactorTable table, S2Interval interval)
    {
        var x = parameters.X;
        ulong y = parameters.Y;
        var c = parameters.C;
        var primes = table.Primes;
        var magic = table.PrimeMagic;
        var pi = table.Pi;
        var signedLpf = table.SignedLpf;
        var a = pi[y];
        var z = parameters.SieveLimit;
        var hardLevels = HardLevels(parameters, table);
        var levelCounts = new long[Math.Max(0, hardLevels - c)];
        var levelSigns = new long[levelCounts.Length];
        var sqrtX = IntegerRoots.Sqrt(x);
        var high = Math.Min(interval.High, z);
        Int128 sum = 0;
        long primesBefore = 0, primeSigns = 0, p2Primes = 0;
        var active = hardLevels;
        var sieve = new SpecialLeafSieve(SegmentSpan, primes.AsSpan(2, Math.Max(0, c - 1)));
        var found = new ulong[4096];

        for (var chunkLow = interval.Low; chunkLow < high; chunkLow += ChunkSpan)
        {
            var chunkHigh = Math.Min(high, chunkLow + ChunkSpan);
            var chunk = SegmentSieve.Sieve(chunkLow, chunkHigh - 1);
            chunk.IndexEveryWord();
            for (var segmentLow = chunkLow; segmentLow < chunkHigh; segmentLow += SegmentSpan)
            {
                var segmentHigh = Math.Min(chunkHigh, segmentLow + SegmentSpan);
                sieve.Reset(segmentLow, segmentHigh);

                while (active > c && MaxLeaf(parameters, primes[active]) < segmentLow)
                {
                    active--;
                }

                for (var k = c + 1; k <= a; k++)
                {
                    ulong p = primes[k];
                    var xp = x / p;
                    var hard = k <= active;
                    var composite = p * p <= y;
                    if (!hard && !composite && xp / Math.Max(segmentLow, y + 1) <= p)
                    {
                        break;
                    }

                    var level = k - 1 - c;
                    var unmarked = hard ? sieve.Unmarked : 0;
                    var below = hard ? levelCounts[level] : 0;
                    sieve.StartQueries();
                    if (composite)
                    {
                        // m runs down so n = x/(p·m) runs up, as the sieve's forward queries need.
                        var mMax = segmentLow == 0 ? y : Math.Min(y, xp / segmentLow);
                        var mMin = Math.Max(y / p, xp / segmentHigh);
                        for (var m = mMax; m > mMin; m--)
                        {
                            var v = signedLpf[m];
                            if (v == 0 || (ulong)Math.Abs(v) <= p)
                            {
                                continue;
                            }

                            var n = xp / m;
                            long sign = v > 0 ? -1 : 1;
                            if (n < p * p)
                            {
                                sum += sign * Math.Max(1, pi[n] - k + 2);
                            }
                            else
                            {
                                Debug.Assert(hard, "a hard leaf at a level the segment does not sieve");
                                sum += sign * (below + sieve.CountUpTo(n));
                                levelSigns[level] += sign;
                            }
                        }
                    }
                    else
                    {
                        // m is a prime q with p < q ≤ y; leaves with n ≤ y are the easy ones EasyLeaves counts.
                        var qMax = Math.Min(y, xp / Math.Max(segmentLow, y + 1));
                        var qMin = Math.Max(p, xp / segmentHigh);
                        for (var i = pi[qMax]; primes[i] > qMin; i--)
                        {
                            var n = PrimeDivisors.Divide(xp, primes[i], magic[i]);
                            if (n >= p * p)
                            {
                                Debug.Assert(hard, "a hard leaf at a level the segment does not sieve");
                                sum += below + sieve.CountUpTo(n);
                                levelSigns[level]++;
                            }
                            else
                            {
                                sum += primesBefore + chunk.Rank(n) - k + 2;
                                primeSigns++;
                            }
                        }
                    }

                    if (hard)
                    {
                        levelCounts[level] += unmarked;
                        sieve.CrossOff(p);
                    }
                }
            }

            // P2: π(x/p) for the primes y < p ≤ √x with x/p in this chunk.
            var pLow = Math.Max(y + 1, x / chunkHigh + 1);
            var pHigh = chunkLow == 0 ? sqrtX : Math.Min(sqrtX, x / chunkLow);
            if (pLow <= pHigh)
            {
                var p2 = SegmentSieve.Sieve(pLow, pHigh);
                var position = pLow;
                int written;
                while ((written = p2.WritePrimes(ref position, pHigh, found)) > 0)
                {
                    foreach (var p in found.AsSpan(0, written))
                    {
                        sum -= primesBefore + chunk.Rank(x / p);
                    }

                    primeSigns -= written;
                    p2Primes += written;
                }
            }

            primesBefore += chunk.Count;
        }

        return new S2Partial(interval.Low, interval.High, sum, levelCounts, levelSigns, primesBefore, primeSigns, p2Primes);
    }

    /// <summary>The last level b (≥ c) with a hard leaf anywhere: the levels with one form a prefix.</summary>
    internal static int HardLevels(CountParameters parameters, FactorTable table)
    {
        var a = table.Pi[parameters.Y];
        var level = parameters.C;
        for (var k = parameters.C + 1; k <= a; k++)
        {
            ulong p = table.Primes[k];
            if (MaxLeaf(parameters, (uint)p) < p * p)
            {
                break;
            }

            level = k;
        }

        return level;
    }

    /// <summary>An upper bound of x/(p·m) over the special leaves of p's level, non-increasing in p.</summary>
    private static ulong MaxLeaf(CountParameters parameters, uint p) =>
        (ulong)p * p <= parameters.Y ? parameters.SieveLimit : parameters.X / p / (p + 1ul);
}
