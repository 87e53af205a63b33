namespace PrimeFunctions.Engine.Counting;

/// <summary>Exact integer square and cube roots of 64-bit integers (floating-point estimate, then corrected).</summary>
public static class IntegerRoots
{
    public static ulong Sqrt(ulong x)
    {
        var r = (ulong)Math.Sqrt(x);
        while ((UInt128)r * r > x)
        {
            r--;
        }

        while ((UInt128)(r + 1) * (r + 1) <= x)
        {
            r++;
        }

        return r;
    }

    public static ulong Cbrt(ulong x)
    {
        var r = (ulong)Math.Cbrt(x);
        while ((UInt128)r * r * r > x)
        {
            r--;
        }

        while ((UInt128)(r + 1) * (r + 1) * (r + 1) <= x)
        {
            r++;
        }

        return r;
    }
}
