namespace PrimeFunctions.Engine.Tests.Counting;

/// <summary>A fact checked against the <c>primecount</c> command; skipped, not failed, where it is missing (.ci/run installs primecount-bin).</summary>
internal sealed class PrimecountFactAttribute : FactAttribute
{
    public PrimecountFactAttribute()
    {
        if (!File.Exists("/usr/bin/primecount"))
        {
            Skip = "/usr/bin/primecount is missing: apt-get install primecount-bin (.ci/run does).";
        }
    }
}
