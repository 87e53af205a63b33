namespace PrimeFunctions.Tests.Dashboard;

/// <summary>A fact that drives the Debian <c>chromium</c> package; skipped, not failed, on a machine without it (CI installs it).</summary>
internal sealed class ChromiumFactAttribute : FactAttribute
{
    public const string ExecutablePath = "/usr/bin/chromium";

    /// <summary>Headless in a container: no sandbox, no GPU, nothing fetched in the background.</summary>
    public static readonly string[] Args =
        ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

    public ChromiumFactAttribute()
    {
        if (!File.Exists(ExecutablePath))
        {
            Skip = $"{ExecutablePath} is missing: apt-get install chromium (.ci/run does).";
        }
    }
}
