namespace PrimeFunctions.Tests.Dashboard;

/// <summary>A fact that drives the Debian <c>chromium</c> package; skipped, not failed, on a machine without it (CI installs it).</summary>
internal sealed class ChromiumFactAttribute : FactAttribute
{
    public const string ExecutablePath = "/usr/bin/chromium";

    public ChromiumFactAttribute()
    {
        if (!File.Exists(ExecutablePath))
        {
            Skip = $"{ExecutablePath} is missing: apt-get install chromium (.ci/run does).";
        }
    }
}
