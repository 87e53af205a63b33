using FsCheck;
using FsCheck.Xunit;

namespace PrimeFunctions.Engine.Tests;

/// <summary>The constants the crossing loop and the pre-sieve are compiled from, checked against the wheel's arithmetic done plainly.</summary>
public sealed class WheelCrossingTests
{
    private static readonly int[] WheelResidues = [1, 7, 11, 13, 17, 19, 23, 29];

    public static TheoryData<string> Classes => ["1", "7", "11", "13", "17", "19", "23", "29"];

    [Theory]
    [MemberData(nameof(Classes))]
    public void Each_residue_class_clears_the_bit_of_the_product_of_residues(string residue)
    {
        var (r, masks) = residue switch
        {
            "1" => MasksOf<Residue1>(),
            "7" => MasksOf<Residue7>(),
            "11" => MasksOf<Residue11>(),
            "13" => MasksOf<Residue13>(),
            "17" => MasksOf<Residue17>(),
            "19" => MasksOf<Residue19>(),
            "23" => MasksOf<Residue23>(),
            _ => MasksOf<Residue29>(),
        };

        Assert.Equal(int.Parse(residue, System.Globalization.CultureInfo.InvariantCulture), r);
        for (var k = 0; k < 8; k++)
        {
            // The number 30·q + m·r lies on the bit of residue (m·r mod 30): clearing it leaves every other bit set.
            var bit = Array.IndexOf(WheelResidues, WheelResidues[k] * r % 30);
            Assert.Equal((byte)~(1 << bit), masks[k]);
        }
    }

    /// <summary>A pre-sieved stretch anywhere, of any length up to more than every image's period, has a bit set exactly where the number has no prime factor from 7 to 163.</summary>
    [Property(MaxTest = 30)]
    public void A_pre_sieved_stretch_keeps_exactly_the_numbers_without_a_factor_from_7_to_163(DoNotSize<ulong> startArgument, DoNotSize<ushort> lengthArgument)
    {
        var firstByte = startArgument.Item % (ulong.MaxValue / 30 - 70_000);
        var length = 1 + lengthArgument.Item % 12_000;
        var chunk = new byte[length];
        PreSieve.Fill(chunk, firstByte);

        uint[] primes = [.. Enumerable.Range(7, 157).Where(IsPrime).Select(p => (uint)p)];
        Assert.Equal(163u, primes[^1]);
        for (var i = 0; i < length; i++)
        {
            for (var bit = 0; bit < 8; bit++)
            {
                var n = (firstByte + (ulong)i) * 30 + (ulong)WheelResidues[bit];
                var free = primes.All(p => n % p != 0);
                Assert.True(free == ((chunk[i] >> bit & 1) == 1), $"byte {firstByte + (ulong)i}, bit {bit}: {n}");
            }
        }
    }

    private static (int Residue, byte[] Masks) MasksOf<T>()
        where T : struct, IResidueClass =>
        (T.Residue, [T.Mask1, T.Mask7, T.Mask11, T.Mask13, T.Mask17, T.Mask19, T.Mask23, T.Mask29]);

    private static bool IsPrime(int n) => n > 1 && Enumerable.Range(2, (int)Math.Sqrt(n) - 1).All(d => n % d != 0);
}
