namespace PrimeFunctions.Tests.Dashboard;

/// <summary>A theory that drives the Debian <c>chromium</c> package; skipped, not failed, on a machine without it (CI installs it).</summary>
internal sealed class ChromiumTheoryAttribute : TheoryAttribute
{
    public ChromiumTheoryAttribute()
    {
        if (!File.Exists(ChromiumFactAttribute.ExecutablePath))
        {
            Skip = $"{ChromiumFactAttribute.ExecutablePath} is missing: apt-get install chromium (.ci/run does).";
        }
    }
}
