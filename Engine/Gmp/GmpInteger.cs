using System.Numerics;
using System.Runtime.InteropServices;
using System.Text;

namespace PrimeFunctions.Engine.Gmp;

/// <summary>One GMP integer (<c>mpz_t</c>) in native memory, freed on dispose; <see cref="Pointer"/> is what GMP's functions take.</summary>
internal sealed unsafe class GmpInteger : IDisposable
{
    // mpz_t is { int alloc; int size; limb* d; }: the sign of size is the integer's sign, zero when it is zero.
    private const int StructSize = 16;

    public GmpInteger()
    {
        Pointer = (nint)NativeMemory.AllocZeroed(StructSize);
        GmpNative.Init(Pointer);
    }

    public nint Pointer { get; private set; }

    public bool IsZero => ((int*)Pointer)[1] == 0;

    public long BitLength => (long)GmpNative.SizeInBase(Pointer, 2);

    public static GmpInteger FromDecimal(string digits)
    {
        var value = new GmpInteger();
        var text = new byte[Encoding.ASCII.GetByteCount(digits) + 1];
        Encoding.ASCII.GetBytes(digits, text);
        fixed (byte* start = text)
        {
            if (GmpNative.SetString(value.Pointer, start, 10) != 0)
            {
                value.Dispose();
                throw new FormatException("not a decimal integer");
            }
        }

        return value;
    }

    public static GmpInteger FromBigInteger(BigInteger n)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n.Sign);
        var value = new GmpInteger();
        var bytes = n.ToByteArray(isUnsigned: true, isBigEndian: false);
        fixed (byte* start = bytes)
        {
            GmpNative.Import(value.Pointer, (nuint)bytes.Length, -1, 1, 0, 0, start);
        }

        return value;
    }

    public static GmpInteger FromUnsigned(ulong n)
    {
        var value = new GmpInteger();
        GmpNative.SetUnsigned(value.Pointer, (nuint)n);
        return value;
    }

    public void Dispose()
    {
        if (Pointer != 0)
        {
            GmpNative.Clear(Pointer);
            NativeMemory.Free((void*)Pointer);
            Pointer = 0;
        }
    }
}
