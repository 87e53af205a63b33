namespace PrimeFunctions.Tests.Cli;

/// <summary>A theory run in a <see cref="TmuxTerminal"/>; skipped, not failed, on a machine without tmux (CI installs it).</summary>
internal sealed class TmuxTheoryAttribute : TheoryAttribute
{
    public TmuxTheoryAttribute()
    {
        if (!TmuxTerminal.IsInstalled)
        {
            Skip = "tmux is missing: apt-get install tmux (.ci/run does).";
        }
    }
}
