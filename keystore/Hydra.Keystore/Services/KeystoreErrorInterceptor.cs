using Grpc.Core;
using Grpc.Core.Interceptors;
using Hydra.Keystore.Contract;

namespace Hydra.Keystore.Services;

/// <summary>
/// Turns <see cref="KeystoreException"/>s into gRPC statuses with their (safe) messages. Anything else stays an
/// opaque internal error for the caller and is logged here, so nothing about the node's internals leaks.
/// </summary>
internal sealed class KeystoreErrorInterceptor : Interceptor
{
    private readonly ILogger _logger;

    public KeystoreErrorInterceptor(ILogger<KeystoreErrorInterceptor> logger)
    {
        _logger = logger;
    }

    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context);
        }
        catch (Exception ex) when (ex is not RpcException)
        {
            throw Translate(ex, context);
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(request, responseStream, context);
        }
        catch (Exception ex) when (ex is not RpcException)
        {
            throw Translate(ex, context);
        }
    }

    private RpcException Translate(Exception exception, ServerCallContext context)
    {
        var operation = context.Method[(context.Method.LastIndexOf('/') + 1)..];
        switch (exception)
        {
            case KeystoreException refusal:
                return new RpcException(new Status(KeystoreStatusCodes.Map(refusal.Error), refusal.Message));
            case OperationCanceledException when context.CancellationToken.IsCancellationRequested:
                return new RpcException(new Status(StatusCode.Cancelled, "The call was cancelled."));
            default:
                KeystoreLog.OperationFailed(_logger, operation, exception);
                return new RpcException(new Status(StatusCode.Internal, $"{operation} failed inside the keystore node; see its log."));
        }
    }
}
