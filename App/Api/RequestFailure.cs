using System.Net.Sockets;
using Azure;
using Grpc.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using PrimeFunctions.Storage;

namespace PrimeFunctions.Api;

/// <summary>
/// What a request that ended in an exception answers, decided by what the exception means to the caller, so that
/// both hosts answer alike: the client gave up (nothing to answer), the client's transport broke a rule (4xx),
/// storage or the durable backend is unreachable (503 + <c>Retry-After</c>), or our own bug (500). Every answer
/// but the first is problem+json with a correlation id; none carries anything of the exception.
/// </summary>
public sealed record RequestFailure(RequestFailureKind Kind, int StatusCode, string Title, string Detail)
{
    /// <summary>Seconds a caller is asked to wait after an outage: long enough for a restarted emulator or a storage blip.</summary>
    public const int OutageRetryAfterSeconds = 5;

    /// <summary>The status logged for a request whose client went away before it was answered (nginx's convention).</summary>
    public const int ClientClosedRequest = 499;

    private static readonly RequestFailure Bug = new(
        RequestFailureKind.Bug, StatusCodes.Status500InternalServerError, "Internal server error",
        "An unexpected error occurred. Quote the correlation id when reporting it.");

    private static readonly RequestFailure Outage = new(
        RequestFailureKind.Outage, StatusCodes.Status503ServiceUnavailable, "Service unavailable",
        "Storage is unreachable for the moment; nothing was changed. Try again after the number of seconds in Retry-After.");

    private static readonly RequestFailure Repairing = new(
        RequestFailureKind.Outage, StatusCodes.Status503ServiceUnavailable, "Service unavailable",
        "The job's stored results are being repaired from its segments; nothing is served from them until then. "
            + "Try again after the number of seconds in Retry-After.");

    private static readonly RequestFailure ClientGone = new(
        RequestFailureKind.ClientGone, ClientClosedRequest, "Client closed request", "The client went away before it was answered.");

    public static RequestFailure Of(Exception exception, CancellationToken requestAborted)
    {
        if (requestAborted.IsCancellationRequested && Chain(exception).Any(e => e is OperationCanceledException or IOException
                or RpcException { StatusCode: Grpc.Core.StatusCode.Cancelled }))
        {
            return ClientGone;
        }

        if (Chain(exception).OfType<BadHttpRequestException>().FirstOrDefault() is { } transport)
        {
            return transport.StatusCode switch
            {
                StatusCodes.Status408RequestTimeout => new RequestFailure(RequestFailureKind.ClientMistake, transport.StatusCode, "Request timeout",
                    "The request body arrived too slowly: send it at no less than the server's minimum data rate."),
                StatusCodes.Status413PayloadTooLarge => new RequestFailure(RequestFailureKind.ClientMistake, transport.StatusCode, "Content too large",
                    "The request body is larger than the server accepts."),
                _ => new RequestFailure(RequestFailureKind.ClientMistake, transport.StatusCode, "Bad request",
                    "The request body could not be read: it ended before its Content-Length, or its framing is not valid HTTP."),
            };
        }

        if (Chain(exception).Any(e => e is BrokenManifestException))
        {
            return Repairing;
        }

        return IsStorageUnreachable(exception) ? Outage : Bug;
    }

    /// <summary>True when <paramref name="exception"/> says storage or the durable backend could not be reached.</summary>
    public static bool IsStorageUnreachable(Exception exception) => Chain(exception).Any(IsUnreachable);

    /// <summary>The answer: problem+json with the correlation id, and <c>Retry-After</c> for an outage.</summary>
    public IResult ToResult(string correlationId)
    {
        if (Kind == RequestFailureKind.ClientGone)
        {
            return Results.StatusCode(StatusCode);
        }

        var problem = Results.Problem(
            detail: Detail, statusCode: StatusCode, title: Title,
            extensions: new Dictionary<string, object?> { ["correlationId"] = correlationId });
        return Kind == RequestFailureKind.Outage ? problem.WithRetryAfter(OutageRetryAfterSeconds) : problem;
    }

    /// <summary>
    /// One line, at a level that matches who must act: a bug is an error with its exception, an outage a warning
    /// without a stack, a client's mistake or disconnect only a debug line.
    /// </summary>
    public void Log(ILogger logger, string request, string correlationId, Exception exception)
    {
        switch (Kind)
        {
            case RequestFailureKind.Bug:
                logger.LogError(exception, "{Request} failed; answered 500 with correlation id {CorrelationId}.", request, correlationId);
                break;
            case RequestFailureKind.Outage:
                var cause = Chain(exception).Last();
                logger.LogWarning(
                    "{Request} answered 503 ({Exception}: {Message}); correlation id {CorrelationId}.",
                    request, cause.GetType().Name, cause.Message, correlationId);
                break;
            default:
                logger.LogDebug("{Request} answered {Status}: {Detail}", request, StatusCode, Detail);
                break;
        }
    }

    /// <summary>The exception and every exception inside it: the SDKs wrap the cause that tells them apart.</summary>
    private static IEnumerable<Exception> Chain(Exception exception) =>
        exception is AggregateException aggregate ? aggregate.InnerExceptions.SelectMany(Chain).Prepend(exception)
        : exception.InnerException is { } inner ? Chain(inner).Prepend(exception)
        : [exception];

    // Storage that cannot be reached or answers with a server error: the Azure SDK's failures after its retries,
    // the transport beneath them, and the durable gRPC client's view of the same.
    private static bool IsUnreachable(Exception exception) => exception switch
    {
        RequestFailedException failed => failed.Status is 0 or >= 500,
        HttpRequestException or SocketException or TimeoutException => true,
        RpcException rpc => rpc.StatusCode is Grpc.Core.StatusCode.Unavailable or Grpc.Core.StatusCode.DeadlineExceeded,
        _ => false,
    };
}
