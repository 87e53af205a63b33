using System.Runtime.CompilerServices;

namespace PrimeFunctions.Engine;

/// <summary>The crossing loop of <see cref="WheelPrimes"/>, compiled once per residue class of the primes mod 30.</summary>
internal static class WheelCrossing
{
    /// <summary>Crosses off every multiple below byte <paramref name="end"/> of the bitmap whose byte 0 is at <paramref name="b"/>, for all primes of the set.</summary>
    public static unsafe void CrossOff(WheelPrimes set, byte* b, uint end)
    {
        fixed (uint* primes = set.Primes)
        fixed (uint* next = set.Next)
        fixed (byte* wheel = set.WheelIndex)
        {
            var bounds = set.ClassStart;
            CrossOff<Residue1>(b, end, primes, next, wheel, bounds[0], bounds[1]);
            CrossOff<Residue7>(b, end, primes, next, wheel, bounds[1], bounds[2]);
            CrossOff<Residue11>(b, end, primes, next, wheel, bounds[2], bounds[3]);
            CrossOff<Residue13>(b, end, primes, next, wheel, bounds[3], bounds[4]);
            CrossOff<Residue17>(b, end, primes, next, wheel, bounds[4], bounds[5]);
            CrossOff<Residue19>(b, end, primes, next, wheel, bounds[5], bounds[6]);
            CrossOff<Residue23>(b, end, primes, next, wheel, bounds[6], bounds[7]);
            CrossOff<Residue29>(b, end, primes, next, wheel, bounds[7], bounds[8]);
        }
    }

    /// <summary>
    /// For primes p = 30·s + R in slots [from, to): steps one multiple at a time up to the next turn, runs whole turns
    /// while the turn's last multiple is below <paramref name="end"/>, then steps one at a time until past it.
    /// </summary>
    /// <remarks>
    /// With m<sub>k</sub> the wheel's residues (1, 7, …, 29, then 31), multiple k of a turn lies at byte offset
    /// s·(m<sub>k</sub> − 1) + ⌊R·m<sub>k</sub> / 30⌋ from the turn's first, on the bit of R·m<sub>k</sub> mod 30; every
    /// term but s is a constant of the class, so the JIT folds them into immediates. The head and tail step one
    /// multiple at a time, as a switch falling through the wheel: at most two unpredictable branches per prime per call.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void CrossOff<T>(byte* b, uint end, uint* primes, uint* next, byte* wheel, int from, int to)
        where T : struct, IResidueClass
    {
        nint n = (nint)end;
        for (var j = from; j < to; j++)
        {
            nint p = (nint)primes[j];
            nint s = p / Wheel.Modulus;
            nint i = (nint)next[j];
            int k;
            switch (wheel[j])
            {
                case 0:
                    goto Step0;
                case 1:
                    goto Step1;
                case 2:
                    goto Step2;
                case 3:
                    goto Step3;
                case 4:
                    goto Step4;
                case 5:
                    goto Step5;
                case 6:
                    goto Step6;
                default:
                    goto Step7;
            }

        Turns:
            i = Turns<T>(b, i, n, s, p);

        Step0:
            if (i >= n)
            {
                k = 0;
                goto Done;
            }

            b[i] &= T.Mask1;
            i += s * 6 + Offset<T>(7) - Offset<T>(1);

        Step1:
            if (i >= n)
            {
                k = 1;
                goto Done;
            }

            b[i] &= T.Mask7;
            i += s * 4 + Offset<T>(11) - Offset<T>(7);

        Step2:
            if (i >= n)
            {
                k = 2;
                goto Done;
            }

            b[i] &= T.Mask11;
            i += s * 2 + Offset<T>(13) - Offset<T>(11);

        Step3:
            if (i >= n)
            {
                k = 3;
                goto Done;
            }

            b[i] &= T.Mask13;
            i += s * 4 + Offset<T>(17) - Offset<T>(13);

        Step4:
            if (i >= n)
            {
                k = 4;
                goto Done;
            }

            b[i] &= T.Mask17;
            i += s * 2 + Offset<T>(19) - Offset<T>(17);

        Step5:
            if (i >= n)
            {
                k = 5;
                goto Done;
            }

            b[i] &= T.Mask19;
            i += s * 4 + Offset<T>(23) - Offset<T>(19);

        Step6:
            if (i >= n)
            {
                k = 6;
                goto Done;
            }

            b[i] &= T.Mask23;
            i += s * 6 + Offset<T>(29) - Offset<T>(23);

        Step7:
            if (i >= n)
            {
                k = 7;
                goto Done;
            }

            b[i] &= T.Mask29;
            i += s * 2 + Offset<T>(31) - Offset<T>(29);

            goto Turns;

        Done:
            next[j] = (uint)i;
            wheel[j] = (byte)k;
        }
    }

    /// <summary>Whole turns from byte <paramref name="i"/>, a turn's first multiple, while the turn's last is below <paramref name="n"/>; returns the next turn's first.</summary>
    /// <remarks>Its own method, so that the loop has the registers to itself: eight offsets, the cursor, the limit and the stride.</remarks>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static unsafe nint Turns<T>(byte* b, nint i, nint n, nint s, nint p)
        where T : struct, IResidueClass
    {
        nint o1 = s * 6 + Offset<T>(7), o2 = s * 10 + Offset<T>(11), o3 = s * 12 + Offset<T>(13), o4 = s * 16 + Offset<T>(17);
        nint o5 = s * 18 + Offset<T>(19), o6 = s * 22 + Offset<T>(23), o7 = s * 28 + Offset<T>(29);
        var q = b + i;
        for (var limit = b + n - o7; q < limit; q += p)
        {
            q[0] &= T.Mask1;
            q[o1] &= T.Mask7;
            q[o2] &= T.Mask11;
            q[o3] &= T.Mask13;
            q[o4] &= T.Mask17;
            q[o5] &= T.Mask19;
            q[o6] &= T.Mask23;
            q[o7] &= T.Mask29;
        }

        return (nint)(q - b);
    }

    /// <summary>⌊R·m / 30⌋: the constant part of multiple m's byte offset.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static nint Offset<T>(int m)
        where T : struct, IResidueClass => T.Residue * m / Wheel.Modulus;
}

/// <summary>A prime's residue mod 30 as a type, so that code generic over it is compiled once per residue with it as a constant.</summary>
internal interface IResidueClass
{
    static abstract int Residue { get; }

    /// <summary>The masks that clear the bits of R·m mod 30 for m = 1, 7, 11, 13, 17, 19, 23, 29, as literals: the JIT turns a crossing into one AND-to-memory only when its mask is a constant from the start.</summary>
    static abstract byte Mask1 { get; }

    static abstract byte Mask7 { get; }

    static abstract byte Mask11 { get; }

    static abstract byte Mask13 { get; }

    static abstract byte Mask17 { get; }

    static abstract byte Mask19 { get; }

    static abstract byte Mask23 { get; }

    static abstract byte Mask29 { get; }
}

internal readonly struct Residue1 : IResidueClass
{
    public static int Residue => 1;

    public static byte Mask1 => 0xFE;

    public static byte Mask7 => 0xFD;

    public static byte Mask11 => 0xFB;

    public static byte Mask13 => 0xF7;

    public static byte Mask17 => 0xEF;

    public static byte Mask19 => 0xDF;

    public static byte Mask23 => 0xBF;

    public static byte Mask29 => 0x7F;
}

internal readonly struct Residue7 : IResidueClass
{
    public static int Residue => 7;

    public static byte Mask1 => 0xFD;

    public static byte Mask7 => 0xDF;

    public static byte Mask11 => 0xEF;

    public static byte Mask13 => 0xFE;

    public static byte Mask17 => 0x7F;

    public static byte Mask19 => 0xF7;

    public static byte Mask23 => 0xFB;

    public static byte Mask29 => 0xBF;
}

internal readonly struct Residue11 : IResidueClass
{
    public static int Residue => 11;

    public static byte Mask1 => 0xFB;

    public static byte Mask7 => 0xEF;

    public static byte Mask11 => 0xFE;

    public static byte Mask13 => 0xBF;

    public static byte Mask17 => 0xFD;

    public static byte Mask19 => 0x7F;

    public static byte Mask23 => 0xF7;

    public static byte Mask29 => 0xDF;
}

internal readonly struct Residue13 : IResidueClass
{
    public static int Residue => 13;

    public static byte Mask1 => 0xF7;

    public static byte Mask7 => 0xFE;

    public static byte Mask11 => 0xBF;

    public static byte Mask13 => 0xDF;

    public static byte Mask17 => 0xFB;

    public static byte Mask19 => 0xFD;

    public static byte Mask23 => 0x7F;

    public static byte Mask29 => 0xEF;
}

internal readonly struct Residue17 : IResidueClass
{
    public static int Residue => 17;

    public static byte Mask1 => 0xEF;

    public static byte Mask7 => 0x7F;

    public static byte Mask11 => 0xFD;

    public static byte Mask13 => 0xFB;

    public static byte Mask17 => 0xDF;

    public static byte Mask19 => 0xBF;

    public static byte Mask23 => 0xFE;

    public static byte Mask29 => 0xF7;
}

internal readonly struct Residue19 : IResidueClass
{
    public static int Residue => 19;

    public static byte Mask1 => 0xDF;

    public static byte Mask7 => 0xF7;

    public static byte Mask11 => 0x7F;

    public static byte Mask13 => 0xFD;

    public static byte Mask17 => 0xBF;

    public static byte Mask19 => 0xFE;

    public static byte Mask23 => 0xEF;

    public static byte Mask29 => 0xFB;
}

internal readonly struct Residue23 : IResidueClass
{
    public static int Residue => 23;

    public static byte Mask1 => 0xBF;

    public static byte Mask7 => 0xFB;

    public static byte Mask11 => 0xF7;

    public static byte Mask13 => 0x7F;

    public static byte Mask17 => 0xFE;

    public static byte Mask19 => 0xEF;

    public static byte Mask23 => 0xDF;

    public static byte Mask29 => 0xFD;
}

internal readonly struct Residue29 : IResidueClass
{
    public static int Residue => 29;

    public static byte Mask1 => 0x7F;

    public static byte Mask7 => 0xBF;

    public static byte Mask11 => 0xDF;

    public static byte Mask13 => 0xEF;

    public static byte Mask17 => 0xF7;

    public static byte Mask19 => 0xFB;

    public static byte Mask23 => 0xFD;

    public static byte Mask29 => 0xFE;
}
