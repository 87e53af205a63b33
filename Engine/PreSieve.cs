using System.Runtime.CompilerServices;

namespace PrimeFunctions.Engine;

/// <summary>Starts every block from a precomputed image of the wheel with the smallest primes already crossed off.</summary>
/// <remarks>
/// Primes 7 to 89 hit nearly every byte of a block (about six crossings per byte between them), yet their
/// pattern on the mod-30 wheel repeats with the product of the primes. Copying one periodic image and AND-ing
/// a few more costs a fraction of a cycle per byte with vector instructions, far less than crossing those
/// multiples off one by one. The first group is copied (it also initialises the block), the others are
/// AND-ed; each image is at most about 1 MB so the set stays in the last-level cache.
/// </remarks>
internal static class PreSieve
{
    /// <summary>Largest prime whose multiples the images remove; sieving proper starts above it.</summary>
    public const uint MaxPrime = 89;

    private static readonly uint[][] Groups =
    [
        [7, 11, 13, 17, 19],
        [23, 29, 31, 37],
        [41, 43, 47],
        [53, 59, 61],
        [67, 71, 73],
        [79, 83, 89],
    ];

    private static readonly byte[][] Images = Array.ConvertAll(Groups, BuildImage);

    /// <summary>Primes the images cross off as if they were composite; the caller restores those in range.</summary>
    public static ReadOnlySpan<byte> Primes => [7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73, 79, 83, 89];

    /// <summary>Fills <paramref name="block"/>, whose first byte is wheel byte number <paramref name="firstByte"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Fill(Span<byte> block, ulong firstByte)
    {
        for (var g = 0; g < Images.Length; g++)
        {
            var image = Images[g];
            var offset = (int)(firstByte % (ulong)image.Length);
            var done = 0;
            while (done < block.Length)
            {
                var length = Math.Min(image.Length - offset, block.Length - done);
                var source = image.AsSpan(offset, length);
                var target = block.Slice(done, length);
                if (g == 0)
                {
                    source.CopyTo(target);
                }
                else
                {
                    BitwiseAnd(target, source);
                }

                done += length;
                offset = 0;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void BitwiseAnd(Span<byte> target, ReadOnlySpan<byte> source)
    {
        var vectors = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, System.Numerics.Vector<byte>>(target);
        var sourceVectors = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, System.Numerics.Vector<byte>>(source);
        for (var i = 0; i < vectors.Length; i++)
        {
            vectors[i] &= sourceVectors[i];
        }

        for (var i = vectors.Length * System.Numerics.Vector<byte>.Count; i < target.Length; i++)
        {
            target[i] &= source[i];
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static byte[] BuildImage(uint[] primes)
    {
        var period = 1;
        foreach (var p in primes)
        {
            period *= (int)p;
        }

        var image = new byte[period];
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

                for (var i = first; i < period; i += (int)p)
                {
                    image[i] &= (byte)~(1 << bit);
                }
            }
        }

        return image;
    }
}
