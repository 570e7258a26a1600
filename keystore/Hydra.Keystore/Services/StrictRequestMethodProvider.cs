using Google.Protobuf;
using Grpc.AspNetCore.Server;
using Grpc.AspNetCore.Server.Model;
using Grpc.Core;

namespace Hydra.Keystore.Services;

/// <summary>
/// Binds <see cref="KeystoreService"/>'s methods with request marshallers that answer a request that is no valid
/// protobuf message, or holds invalid UTF-8 in a string, with INVALID_ARGUMENT and one log line. Grpc.AspNetCore parses the request
/// before any interceptor runs and would answer the parser's exception with UNKNOWN and log its stack trace as an error.
/// The generated bindings of the same methods stay registered (Grpc.AspNetCore adds them for every service), so
/// <see cref="PreferStrict"/> ranks them after these.
/// </summary>
internal sealed class StrictRequestMethodProvider(ILogger<StrictRequestMethodProvider> logger) : IServiceMethodProvider<KeystoreService>
{
    // Marks the endpoints bound here.
    private static readonly object Strict = new();

    public void OnServiceMethodDiscovery(ServiceMethodProviderContext<KeystoreService> context) =>
        V1.Keystore.BindService(new Binder(context, logger), serviceImpl: null!);

    /// <summary>An endpoint convention: the generated bindings of the Keystore methods lose to the strict ones.</summary>
    public static void PreferStrict(EndpointBuilder endpoint)
    {
        if (endpoint is RouteEndpointBuilder route && !route.Metadata.Contains(Strict) && route.Metadata.OfType<GrpcMethodMetadata>().Any())
        {
            route.Order = 1;
        }
    }

    private sealed class Binder(ServiceMethodProviderContext<KeystoreService> context, ILogger logger) : ServiceBinderBase
    {
        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse>? handler) =>
            context.AddUnaryMethod(StrictMethod(method), Metadata(method, typeof(TRequest), typeof(ServerCallContext)),
                Implementation<UnaryServerMethod<KeystoreService, TRequest, TResponse>>(method, typeof(TRequest), typeof(ServerCallContext)));

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingServerMethod<TRequest, TResponse>? handler) =>
            context.AddServerStreamingMethod(StrictMethod(method), Metadata(method, typeof(TRequest), typeof(IServerStreamWriter<TResponse>), typeof(ServerCallContext)),
                Implementation<ServerStreamingServerMethod<KeystoreService, TRequest, TResponse>>(method, typeof(TRequest), typeof(IServerStreamWriter<TResponse>), typeof(ServerCallContext)));

        // The service's override of the generated method, called on the instance Grpc.AspNetCore activates per call.
        private static TDelegate Implementation<TDelegate>(IMethod method, params Type[] parameters)
            where TDelegate : Delegate =>
            typeof(KeystoreService).GetMethod(method.Name, parameters)!.CreateDelegate<TDelegate>();

        // What the generated binding carries (attributes of the service and method, POST only), plus the strict mark.
        private static List<object> Metadata(IMethod method, params Type[] parameters) =>
        [
            .. typeof(KeystoreService).GetCustomAttributes(inherit: true),
            .. typeof(KeystoreService).GetMethod(method.Name, parameters)!.GetCustomAttributes(inherit: true),
            new HttpMethodMetadata(["POST"], acceptCorsPreflight: true),
            Strict,
        ];

        private Method<TRequest, TResponse> StrictMethod<TRequest, TResponse>(Method<TRequest, TResponse> method)
            where TRequest : class
            where TResponse : class
        {
            var parse = method.RequestMarshaller.ContextualDeserializer;
            var marshaller = Marshallers.Create(method.RequestMarshaller.ContextualSerializer, payload =>
            {
                try
                {
                    return parse(payload);
                }
                catch (InvalidProtocolBufferException e)
                {
                    // Invalid UTF-8 in a string field lands here too. The parser's messages name the wire-format fault
                    // only, never the request's bytes.
                    KeystoreLog.MalformedRequest(logger, method.Name, e.Message);
                    throw new RpcException(new Status(StatusCode.InvalidArgument,
                        $"The {method.Name} request is not a valid {typeof(TRequest).Name} message: {e.Message}"));
                }
            });
            return new Method<TRequest, TResponse>(method.Type, method.ServiceName, method.Name, marshaller, method.ResponseMarshaller);
        }
    }
}
