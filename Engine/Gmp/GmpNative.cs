using System.Reflection;
using System.Runtime.InteropServices;

namespace PrimeFunctions.Engine.Gmp;

/// <summary>
/// The few GMP integer functions the probable-prime test needs, from the system's <c>libgmp.so.10</c> when it has
/// one (Debian and Ubuntu always do: coreutils depends on it). Functions take pointers to <c>mpz_t</c> values that
/// <see cref="GmpInteger"/> owns; the exported names are GMP's real symbols (<c>mpz_mul</c> is a macro for
/// <c>__gmpz_mul</c>). Arguments are plain integers and pointers, so no call marshals anything.
/// </summary>
internal static partial class GmpNative
{
    private const string Library = "gmp";

    private static readonly string[] Candidates = ["libgmp.so.10", "libgmp.so", "libgmp.10.dylib"];

    private static readonly nint Handle;

    static GmpNative()
    {
        foreach (var candidate in Candidates)
        {
            if (NativeLibrary.TryLoad(candidate, out Handle))
            {
                break;
            }
        }

        NativeLibrary.SetDllImportResolver(typeof(GmpNative).Assembly, Resolve);
    }

    /// <summary>True when GMP could be loaded; otherwise none of the functions below may be called.</summary>
    public static bool IsAvailable => Handle != 0;

    /// <summary>GMP's version, e.g. "6.2.1", or null when it is not loaded.</summary>
    public static unsafe string? Version =>
        IsAvailable && NativeLibrary.TryGetExport(Handle, "__gmp_version", out var address)
            ? Marshal.PtrToStringUTF8(*(nint*)address)
            : null;

    private static nint Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath) =>
        name == Library ? Handle : 0;

    [LibraryImport(Library, EntryPoint = "__gmpz_init")]
    internal static partial void Init(nint x);

    [LibraryImport(Library, EntryPoint = "__gmpz_clear")]
    internal static partial void Clear(nint x);

    [LibraryImport(Library, EntryPoint = "__gmpz_set_ui")]
    internal static partial void SetUnsigned(nint rop, nuint op);

    [LibraryImport(Library, EntryPoint = "__gmpz_set")]
    internal static partial void Set(nint rop, nint op);

    [LibraryImport(Library, EntryPoint = "__gmpz_set_str")]
    internal static unsafe partial int SetString(nint rop, byte* text, int radix);

    [LibraryImport(Library, EntryPoint = "__gmpz_import")]
    internal static unsafe partial void Import(nint rop, nuint count, int order, nuint size, int endian, nuint nails, byte* data);

    [LibraryImport(Library, EntryPoint = "__gmpz_sizeinbase")]
    internal static partial nuint SizeInBase(nint op, int radix);

    [LibraryImport(Library, EntryPoint = "__gmpz_tstbit")]
    internal static partial int TestBit(nint op, nuint bit);

    [LibraryImport(Library, EntryPoint = "__gmpz_scan1")]
    internal static partial nuint ScanOne(nint op, nuint start);

    [LibraryImport(Library, EntryPoint = "__gmpz_cmp")]
    internal static partial int Compare(nint a, nint b);

    [LibraryImport(Library, EntryPoint = "__gmpz_cmp_ui")]
    internal static partial int CompareUnsigned(nint a, nuint b);

    [LibraryImport(Library, EntryPoint = "__gmpz_add")]
    internal static partial void Add(nint rop, nint a, nint b);

    [LibraryImport(Library, EntryPoint = "__gmpz_sub")]
    internal static partial void Subtract(nint rop, nint a, nint b);

    [LibraryImport(Library, EntryPoint = "__gmpz_sub_ui")]
    internal static partial void SubtractUnsigned(nint rop, nint a, nuint b);

    [LibraryImport(Library, EntryPoint = "__gmpz_mul")]
    internal static partial void Multiply(nint rop, nint a, nint b);

    [LibraryImport(Library, EntryPoint = "__gmpz_mul_si")]
    internal static partial void MultiplySigned(nint rop, nint a, nint b);

    [LibraryImport(Library, EntryPoint = "__gmpz_addmul_ui")]
    internal static partial void AddProductUnsigned(nint rop, nint a, nuint b);

    [LibraryImport(Library, EntryPoint = "__gmpz_submul_ui")]
    internal static partial void SubtractProductUnsigned(nint rop, nint a, nuint b);

    [LibraryImport(Library, EntryPoint = "__gmpz_mul_2exp")]
    internal static partial void ShiftLeft(nint rop, nint a, nuint bits);

    [LibraryImport(Library, EntryPoint = "__gmpz_tdiv_q_2exp")]
    internal static partial void ShiftRight(nint rop, nint a, nuint bits);

    [LibraryImport(Library, EntryPoint = "__gmpz_tdiv_r")]
    internal static partial void Remainder(nint rop, nint a, nint d);

    [LibraryImport(Library, EntryPoint = "__gmpz_fdiv_ui")]
    internal static partial nuint ModuloUnsigned(nint a, nuint d);

    [LibraryImport(Library, EntryPoint = "__gmpz_powm")]
    internal static partial void PowerModulo(nint rop, nint b, nint e, nint m);

    [LibraryImport(Library, EntryPoint = "__gmpz_ui_pow_ui")]
    internal static partial void UnsignedPower(nint rop, nuint b, nuint e);

    [LibraryImport(Library, EntryPoint = "__gmpz_si_kronecker")]
    internal static partial int Kronecker(nint a, nint b);

    [LibraryImport(Library, EntryPoint = "__gmpz_perfect_square_p")]
    internal static partial int IsPerfectSquare(nint op);

    /// <summary>GMP's own probable-prime test: with <paramref name="reps"/> ≤ 24, Baillie–PSW alone since GMP 6.2. 2 = surely prime, 1 = probably, 0 = composite.</summary>
    [LibraryImport(Library, EntryPoint = "__gmpz_probab_prime_p")]
    internal static partial int ProbablePrime(nint n, int reps);
}
