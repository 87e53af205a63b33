using System.Globalization;

namespace PrimeFunctions.Tests.Fixtures;

/// <summary>The CPU time a process has used, from <c>/proc/&lt;pid&gt;/stat</c> (user + system, fields 14 and 15, in clock ticks of 1/100 s).</summary>
internal static class ProcessCpu
{
    private const double TicksPerSecond = 100;

    public static TimeSpan Of(int pid) => Parse(File.ReadAllText($"/proc/{pid}/stat"));

    /// <summary>
    /// The CPU time of each thread of the process whose name starts with <paramref name="named"/>, by thread id: a thread
    /// that has ended is absent. Linux keeps the first 15 bytes of a thread's name.
    /// </summary>
    public static Dictionary<int, TimeSpan> ByThread(int pid, string named)
    {
        var threads = new Dictionary<int, TimeSpan>();
        foreach (var task in Directory.EnumerateDirectories($"/proc/{pid}/task"))
        {
            try
            {
                var stat = File.ReadAllText(Path.Combine(task, "stat"));
                var name = stat[(stat.IndexOf('(') + 1)..stat.LastIndexOf(')')];
                if (name.StartsWith(named, StringComparison.Ordinal))
                {
                    threads[int.Parse(Path.GetFileName(task), CultureInfo.InvariantCulture)] = Parse(stat);
                }
            }
            catch (IOException)
            {
                // The thread ended between the listing and the read.
            }
        }

        return threads;
    }

    private static TimeSpan Parse(string stat)
    {
        // The command name (field 2) is in parentheses and may hold spaces: count fields after its closing one.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }
}
