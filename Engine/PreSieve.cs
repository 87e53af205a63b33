using System.Numerics;
using System.Runtime.CompilerServices;

namespace PrimeFunctions.Engine;

/// <summary>Starts every chunk from precomputed images of the wheel with the primes 7 to 163 already crossed off.</summary>
/// <remarks>
/// <para>
/// Those primes would make about seven crossings per byte between them, yet their pattern on the mod-30 wheel repeats
/// with the product of the primes. So each of sixteen images holds the pattern of two or three of them over one
/// period, and a chunk is the AND of all sixteen at the right offsets: four images per pass, the first pass a copy,
/// each pass one load per image and one store per vector. The primes are grouped smallest with largest so that every
/// period is between 5 000 and 10 000 bytes: 125 KB in all, which stays in L2 beside the block being sieved, while a
/// pass over an L1-sized chunk still rarely meets an image's end.
/// </para>
/// <para>
/// Each image is followed by a copy of its first bytes, so a vector that starts before the end of the period reads
/// on into the next period correctly; a pass therefore runs in whole vectors up to the nearest end of an image.
/// </para>
/// </remarks>
internal static class PreSieve
{
    /// <summary>Largest prime whose multiples the images remove; sieving proper starts above it.</summary>
    public const uint MaxPrime = 163;

    private const int ImagesPerPass = 4;

    /// <summary>Bytes each image repeats of its own start after its period: at least one vector, whatever the machine's width.</summary>
    private const int Wrap = 64;

    private static readonly uint[][] Groups =
    [
        [7, 23, 37], [11, 19, 31], [13, 17, 29], [41, 163],
        [43, 157], [47, 151], [53, 149], [59, 139],
        [61, 137], [67, 131], [71, 127], [73, 113],
        [79, 109], [83, 107], [89, 103], [97, 101],
    ];

    private static readonly byte[][] Images = Array.ConvertAll(Groups, BuildImage);

    private static readonly int[] Periods = Array.ConvertAll(Images, image => image.Length - Wrap);

    /// <summary>Primes the images cross off as if they were composite; the caller restores those in range.</summary>
    public static ReadOnlySpan<byte> Primes =>
    [
        7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73, 79, 83, 89,
        97, 101, 103, 107, 109, 113, 127, 131, 137, 139, 149, 151, 157, 163,
    ];

    /// <summary>Fills <paramref name="chunk"/>, whose first byte is wheel byte number <paramref name="firstByte"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static unsafe void Fill(Span<byte> chunk, ulong firstByte)
    {
        fixed (byte* target = chunk)
        fixed (byte* a = Images[0], b = Images[1], c = Images[2], d = Images[3])
        {
            Pass(target, chunk.Length, firstByte, 0, a, b, c, d, first: true);
        }

        for (var g = ImagesPerPass; g < Images.Length; g += ImagesPerPass)
        {
            fixed (byte* target = chunk)
            fixed (byte* a = Images[g], b = Images[g + 1], c = Images[g + 2], d = Images[g + 3])
            {
                Pass(target, chunk.Length, firstByte, g, a, b, c, d, first: false);
            }
        }
    }

    /// <summary>Sets (first pass) or ANDs target[0, length) with images g to g + 3 read from the offsets of wheel byte <paramref name="firstByte"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void Pass(byte* target, int length, ulong firstByte, int g, byte* a, byte* b, byte* c, byte* d, bool first)
    {
        int pa = Periods[g], pb = Periods[g + 1], pc = Periods[g + 2], pd = Periods[g + 3];
        int oa = (int)(firstByte % (ulong)pa), ob = (int)(firstByte % (ulong)pb), oc = (int)(firstByte % (ulong)pc), od = (int)(firstByte % (ulong)pd);
        var width = Vector<byte>.Count;
        var done = 0;
        while (done < length)
        {
            var run = Math.Min(Math.Min(length - done, pa - oa), Math.Min(pb - ob, pc - oc));
            run = Math.Min(run, pd - od);

            // Whole vectors up to the run's end, reading past an image's period into its wrapped copy; the last
            // vector may write bytes of the next run, with the same values the next run gives them.
            var i = 0;
            var vectorEnd = Math.Min(run, length - done - width + 1);
            if (first)
            {
                for (; i < vectorEnd; i += width)
                {
                    var v = Vector.Load(a + oa + i) & Vector.Load(b + ob + i) & Vector.Load(c + oc + i) & Vector.Load(d + od + i);
                    v.Store(target + done + i);
                }
            }
            else
            {
                for (; i < vectorEnd; i += width)
                {
                    var v = Vector.Load(target + done + i) & Vector.Load(a + oa + i) & Vector.Load(b + ob + i) & Vector.Load(c + oc + i) & Vector.Load(d + od + i);
                    v.Store(target + done + i);
                }
            }

            for (; i < run; i++)
            {
                var v = (byte)(a[oa + i] & b[ob + i] & c[oc + i] & d[od + i]);
                target[done + i] = first ? v : (byte)(target[done + i] & v);
            }

            done += run;
            oa = Advance(oa, run, pa);
            ob = Advance(ob, run, pb);
            oc = Advance(oc, run, pc);
            od = Advance(od, run, pd);
        }
    }

    private static int Advance(int offset, int run, int period) => offset + run == period ? 0 : offset + run;

    private static byte[] BuildImage(uint[] primes)
    {
        var period = 1;
        foreach (var p in primes)
        {
            period *= (int)p;
        }

        var image = new byte[period + Wrap];
        image.AsSpan().Fill(0xFF);
        foreach (var p in primes)
        {
            for (var bit = 0; bit < 8; bit++)
            {
                var first = 0;
                while ((first * Wheel.Modulus + Wheel.Residues[bit]) % p != 0)
                {
                    first++;
                }

                for (var i = first; i < image.Length; i += (int)p)
                {
                    image[i] &= (byte)~(1 << bit);
                }
            }
        }

        return image;
    }
}
