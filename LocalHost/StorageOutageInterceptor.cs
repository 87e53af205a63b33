using Grpc.Core;
using Grpc.Core.Interceptors;
using PrimeFunctions.Api;

namespace PrimeFunctions.LocalHost;

/// <summary>
/// The sidecar answers a call it could not serve because storage is unreachable with gRPC's own word for it,
/// <c>Unavailable</c>, as the Functions host's durable backend does; otherwise the app's durable client would see
/// an unexplained <c>Unknown</c> and answer 500 for an outage. The failure is then the caller's to report, once.
/// </summary>
internal sealed class StorageOutageInterceptor : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context);
        }
        catch (Exception exception) when (exception is not RpcException && RequestFailure.IsStorageUnreachable(exception))
        {
            throw new RpcException(new Status(StatusCode.Unavailable, "Storage is unreachable.", exception));
        }
    }
}
