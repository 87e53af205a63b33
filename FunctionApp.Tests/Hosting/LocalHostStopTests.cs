using System.Diagnostics;
using PrimeFunctions.Tests.Fixtures;

namespace PrimeFunctions.Tests.Hosting;

/// <summary>
/// A local host asked to stop (SIGTERM, as a container stop or a service manager asks) exits within seconds and burns
/// almost no CPU on the way out. Its durable sidecar once waited out the 30 s shutdown timeout with both of its
/// dispatchers asking for work in a tight loop: 30.1 s and 53.8 CPU-seconds after a job, against 1.2 s and 0.2 now.
/// </summary>
public sealed class LocalHostStopTests(AzuriteFixture emulator) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task A_host_asked_to_stop_after_a_job_exits_within_15_s_using_under_3_CPU_seconds()
    {
        using var host = await HostUnderTest.StartAsync(emulator.Azurite, "LocalHostStop");
        await new JobClient(host.Http).RunAsync(0, 10_000_000);
        var pid = host.Process.Id;
        var before = ProcessCpu.Of(pid);
        var last = before;

        var stopping = Stopwatch.StartNew();
        host.Process.Signal("TERM");

        for (; !host.Process.HasExited && stopping.Elapsed < TimeSpan.FromSeconds(60); await Task.Delay(50))
        {
            try
            {
                last = ProcessCpu.Of(pid);
            }
            catch (IOException)
            {
                // Gone between the check and the read.
            }
        }

        Assert.True(host.Process.HasExited, $"still running 60 s after SIGTERM\n{host.Process.Problems}");
        Assert.True(stopping.Elapsed < TimeSpan.FromSeconds(15), $"exited {stopping.Elapsed.TotalSeconds:F1} s after SIGTERM");
        Assert.True(last - before < TimeSpan.FromSeconds(3), $"used {(last - before).TotalSeconds:F1} CPU-seconds while stopping");
    }
}
