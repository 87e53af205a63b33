using System.Net.Sockets;
using Azure;
using Grpc.Core;
using Microsoft.AspNetCore.Http;

namespace PrimeFunctions.App.Tests.Api;

/// <summary>What a request that ended in an exception answers, by what the exception means to the caller.</summary>
public sealed class RequestFailureTests
{
    public static TheoryData<Exception, int> Failures => new()
    {
        { new BadHttpRequestException("Reading the request body timed out due to data arriving too slowly.", StatusCodes.Status408RequestTimeout), 408 },
        { new BadHttpRequestException("Unexpected end of request content.", StatusCodes.Status400BadRequest), 400 },
        { new RequestFailedException(0, "Connection refused", new HttpRequestException("Connection refused", new SocketException(111))), 503 },
        { new AggregateException(new RequestFailedException(503, "Server busy")), 503 },
        { new RpcException(new Status(StatusCode.Unavailable, "Storage is unreachable.")), 503 },
        { new RequestFailedException(409, "Conflict"), 500 },
        { new RpcException(new Status(StatusCode.Unknown, "Exception was thrown by handler.")), 500 },
        { new InvalidOperationException("a bug"), 500 },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void A_failure_answers_the_status_its_cause_calls_for(Exception exception, int status)
    {
        Assert.Equal(status, RequestFailure.Of(exception, CancellationToken.None).StatusCode);
    }

    [Fact]
    public void A_request_its_client_abandoned_is_not_a_failure_of_the_service()
    {
        using var aborted = new CancellationTokenSource();
        aborted.Cancel();

        var failure = RequestFailure.Of(new OperationCanceledException(aborted.Token), aborted.Token);

        Assert.Equal(RequestFailureKind.ClientGone, failure.Kind);
        Assert.Equal(RequestFailure.ClientClosedRequest, failure.StatusCode);
    }

    [Fact]
    public void A_cancellation_the_client_did_not_ask_for_is_our_bug()
    {
        Assert.Equal(RequestFailureKind.Bug, RequestFailure.Of(new OperationCanceledException(), CancellationToken.None).Kind);
    }

    [Fact]
    public void A_broken_manifest_answers_503_with_retry_after_and_says_it_is_being_repaired()
    {
        var summary = new JobSummary("primes-1-10", 1, 10, 4, "17", 2, 7, "00", 8, 1, 0);

        var failure = RequestFailure.Of(new BrokenManifestException(summary, [], "it has 0 parts"), CancellationToken.None);

        Assert.Equal((RequestFailureKind.Outage, 503), (failure.Kind, failure.StatusCode));
        Assert.Contains("repaired", failure.Detail, StringComparison.Ordinal);
    }
}
