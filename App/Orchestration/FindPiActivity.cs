using System.Globalization;
using PrimeFunctions.Storage;

namespace PrimeFunctions.Orchestration;

/// <summary>π(x) from the table of values computed before, or null.</summary>
public sealed class FindPiActivity(PiValueStore store)
{
    public Task<PiValue?> RunAsync(string x) => store.FindAsync(ulong.Parse(x, CultureInfo.InvariantCulture));
}
