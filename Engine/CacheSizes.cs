namespace PrimeFunctions.Engine;

/// <summary>The data cache sizes one sieving thread can count on: L1d, and its share of L2; 0 where unknown.</summary>
/// <remarks>
/// Linux describes each cache of a CPU under <c>/sys/devices/system/cpu/cpu0/cache/index*/</c> (<c>level</c>,
/// <c>type</c>, <c>size</c> such as <c>32K</c>, <c>shared_cpu_list</c> such as <c>0-1</c>). An L2 that several
/// logical CPUs share is divided among them, since every core sieves its own block at once. Anything missing or
/// unreadable (another OS, a container without sysfs) leaves that size at 0, and <see cref="SieveConfig"/> falls
/// back to its defaults: reading the machine must never stop the sieve.
/// </remarks>
internal readonly record struct CacheSizes(long L1DataBytes, long L2Bytes)
{
    private const string LinuxCacheDirectory = "/sys/devices/system/cpu/cpu0/cache";

    /// <summary>This machine's cache sizes, as far as the OS tells them.</summary>
    public static CacheSizes OfThisMachine() => FromSysfs(LinuxCacheDirectory);

    /// <summary>Reads a sysfs cache directory laid out like <c>/sys/devices/system/cpu/cpu0/cache</c>.</summary>
    public static CacheSizes FromSysfs(string cacheDirectory)
    {
        long l1 = 0, l2 = 0;
        try
        {
            if (!Directory.Exists(cacheDirectory))
            {
                return default;
            }

            foreach (var index in Directory.EnumerateDirectories(cacheDirectory, "index*"))
            {
                var level = ReadField(index, "level");
                var type = ReadField(index, "type");
                var size = ParseSize(ReadField(index, "size"));
                if (level == "1" && type == "Data")
                {
                    l1 = size;
                }
                else if (level == "2" && type is "Unified" or "Data")
                {
                    l2 = size / Math.Max(1, CountCpus(ReadField(index, "shared_cpu_list")));
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // What was read before the failure stands; the rest falls back to the defaults.
        }

        return new CacheSizes(l1, l2);
    }

    /// <summary>Bytes of a sysfs size such as <c>48K</c>, <c>2M</c> or <c>512</c>; 0 when it is not one.</summary>
    internal static long ParseSize(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return 0;
        }

        var multiplier = char.ToUpperInvariant(text[^1]) switch
        {
            'K' => 1L << 10,
            'M' => 1L << 20,
            'G' => 1L << 30,
            _ => 1L,
        };
        var digits = multiplier == 1 ? text : text[..^1];
        return long.TryParse(digits, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value)
            && value <= long.MaxValue / multiplier
            ? value * multiplier
            : 0;
    }

    /// <summary>CPUs in a list such as <c>0-3,8-11</c>; 0 when it is not one.</summary>
    internal static int CountCpus(string? list)
    {
        if (string.IsNullOrEmpty(list))
        {
            return 0;
        }

        var count = 0;
        foreach (var part in list.Split(','))
        {
            var bounds = part.Split('-');
            if (!int.TryParse(bounds[0], out var first) || !int.TryParse(bounds[^1], out var last) || bounds.Length > 2 || last < first)
            {
                return 0;
            }

            count += last - first + 1;
        }

        return count;
    }

    private static string? ReadField(string directory, string name)
    {
        var path = Path.Combine(directory, name);
        return File.Exists(path) ? File.ReadAllText(path).Trim() : null;
    }
}
