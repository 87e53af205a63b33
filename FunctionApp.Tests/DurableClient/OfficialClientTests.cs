using PrimeFunctions.Tests.Fixtures;
using Xunit.Abstractions;

namespace PrimeFunctions.Tests.DurableClient;

/// <summary>
/// The official Node.js Durable Functions client (npm <c>durable-functions</c>, pinned in package.json), built as a
/// function app builds it and pointed at the local host's built-in API, calls every method it has on real jobs;
/// each must work, or fail, as it does against the Durable Functions extension (client-test.mjs says what the
/// extension answers for each call).
/// </summary>
public sealed class OfficialClientTests(SlowJobsServiceFixture service, ITestOutputHelper output) : IClassFixture<SlowJobsServiceFixture>
{
    [Fact]
    public async Task Every_client_method_answers_as_the_extension_answers()
    {
        NodeProcess.Package("durable-functions", "package.json");
        var script = Path.Combine(PrimeFunctions.LocalHost.RepositoryLayout.Root, "FunctionApp.Tests", "DurableClient", "client-test.mjs");

        var run = await NodeProcess.RunAsync(TimeSpan.FromMinutes(4), script, service.BaseAddress.ToString().TrimEnd('/'), service.HubName);

        output.WriteLine(run.Output);
        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("calls answered as the extension answers", run.Output);
    }
}
