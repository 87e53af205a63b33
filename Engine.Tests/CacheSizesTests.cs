using PrimeFunctions.Engine;

namespace PrimeFunctions.Engine.Tests;

public sealed class CacheSizesTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("cache-sizes-").FullName;

    [Theory]
    [InlineData("32K", 32L << 10)]
    [InlineData("2M", 2L << 20)]
    [InlineData("512", 512L)]
    [InlineData("", 0L)]
    [InlineData("K", 0L)]
    [InlineData("-32K", 0L)]
    [InlineData("lots", 0L)]
    public void Sysfs_sizes_are_read_in_bytes_and_anything_else_as_unknown(string text, long bytes)
    {
        Assert.Equal(bytes, CacheSizes.ParseSize(text));
    }

    [Theory]
    [InlineData("0", 1)]
    [InlineData("0-1", 2)]
    [InlineData("0-3,8-11", 8)]
    [InlineData("3-1", 0)]
    [InlineData("", 0)]
    public void Cpu_lists_count_their_cpus(string list, int count)
    {
        Assert.Equal(count, CacheSizes.CountCpus(list));
    }

    [Fact]
    public void Reads_the_L1_data_cache_and_each_cpus_share_of_L2()
    {
        AddCache("index0", "1", "Data", "48K", "0-1");
        AddCache("index1", "1", "Instruction", "32K", "0-1");
        AddCache("index2", "2", "Unified", "2048K", "0-1");
        AddCache("index3", "3", "Unified", "32768K", "0-15");
        Assert.Equal(new CacheSizes(48 << 10, 1 << 20), CacheSizes.FromSysfs(_directory));
    }

    [Fact]
    public void Missing_or_unreadable_entries_are_unknown()
    {
        AddCache("index0", "1", "Data", "a lot", "0");
        Assert.Equal(new CacheSizes(0, 0), CacheSizes.FromSysfs(_directory));
        Assert.Equal(new CacheSizes(0, 0), CacheSizes.FromSysfs(Path.Combine(_directory, "absent")));
    }

    [Fact]
    public void This_machine_reads_the_L1d_the_CPU_reports()
    {
        // glibc's getconf asks the CPU itself (cpuid), not sysfs: an independent account of the same cache.
        if (!OperatingSystem.IsLinux())
        {
            Assert.Equal(default, CacheSizes.OfThisMachine());
            return;
        }

        Assert.Equal(GetconfBytes("LEVEL1_DCACHE_SIZE"), CacheSizes.OfThisMachine().L1DataBytes);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static long GetconfBytes(string name)
    {
        using var getconf = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("getconf", name) { RedirectStandardOutput = true })!;
        var answer = getconf.StandardOutput.ReadToEnd().Trim();
        getconf.WaitForExit();
        return long.Parse(answer, System.Globalization.CultureInfo.InvariantCulture);
    }

    private void AddCache(string index, string level, string type, string size, string sharedCpuList)
    {
        var path = Directory.CreateDirectory(Path.Combine(_directory, index)).FullName;
        File.WriteAllText(Path.Combine(path, "level"), level + "\n");
        File.WriteAllText(Path.Combine(path, "type"), type + "\n");
        File.WriteAllText(Path.Combine(path, "size"), size + "\n");
        File.WriteAllText(Path.Combine(path, "shared_cpu_list"), sharedCpuList + "\n");
    }
}
