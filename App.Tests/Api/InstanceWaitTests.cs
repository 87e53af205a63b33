using Grpc.Core;
using Microsoft.DurableTask.Client;
using PrimeFunctions.Orchestration;

namespace PrimeFunctions.App.Tests.Api;

/// <summary>
/// The short wait a start (and a delete) gives a job: running out is an answer (202), however the gRPC client reports
/// it; the same errors before it runs out, or a caller who left, are not.
/// </summary>
public sealed class InstanceWaitTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromMilliseconds(50);

    [Theory]
    [InlineData(null)]
    [InlineData(StatusCode.DeadlineExceeded)]
    [InlineData(StatusCode.Cancelled)]
    public async Task A_wait_that_runs_out_is_no_answer_yet_however_the_client_reports_it(StatusCode? code)
    {
        Assert.Null(await new StuckClient(code, atOnce: false).WaitForCompletionWithinAsync("job", Wait, getInputsAndOutputs: true, default));
    }

    [Fact]
    public async Task The_same_error_before_the_wait_runs_out_is_a_failure()
    {
        var error = await Assert.ThrowsAsync<RpcException>(
            () => new StuckClient(StatusCode.DeadlineExceeded, atOnce: true).WaitForCompletionWithinAsync("job", TimeSpan.FromMinutes(1), getInputsAndOutputs: true, default));
        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
    }

    [Fact]
    public async Task A_caller_who_left_is_not_answered()
    {
        using var gone = new CancellationTokenSource(Wait);
        await Assert.ThrowsAsync<RpcException>(
            () => new StuckClient(StatusCode.Cancelled, atOnce: false).WaitForCompletionWithinAsync("job", TimeSpan.FromMinutes(1), getInputsAndOutputs: true, gone.Token));
    }

    /// <summary>A job that never finishes: the wait ends when its token does, with the given error (none: cancelled).</summary>
    private sealed class StuckClient(StatusCode? code, bool atOnce) : OfflineDurableClient
    {
        public override async Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(
            string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default)
        {
            if (!atOnce)
            {
                await Task.Delay(Timeout.Infinite, cancellation).ContinueWith(_ => { }, TaskScheduler.Default);
            }

            if (code is null)
            {
                cancellation.ThrowIfCancellationRequested();
            }

            throw new RpcException(new Status(code ?? StatusCode.Unknown, "stuck"));
        }
    }
}
