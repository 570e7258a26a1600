using Grpc.Core;
using Grpc.Net.Client;
using Hydra.Grid;
using Hydra.Grid.Tls;
using Hydra.Keystore.Contract.Channels;

namespace Hydra.Cluster;

/// <summary>
/// A long-lived HTTP/2 channel to one node over grid TLS. TLS handshakes cost milliseconds (BouncyCastle's RSA), so
/// channels are kept and multiplexed, never opened per call.
/// </summary>
internal sealed class NodeConnection : IDisposable
{
    private readonly GrpcChannel _channel;

    public NodeConnection(ClusterNode node, TlsCredential? credential, HostCertificateValidator validator, KeystoreClusterOptions options)
    {
        Node = node;
        _channel = GridChannel.Create(node, credential, validator, options.Channel);
        Client = new Keystore.V1.Keystore.KeystoreClient(_channel);
        CallTimeout = options.CallTimeout;
    }

    public ClusterNode Node { get; }

    public Keystore.V1.Keystore.KeystoreClient Client { get; }

    public TimeSpan CallTimeout { get; }

    // gRPC measures deadlines on the system clock, whatever clock the caller's certificate checks use.
    public CallOptions Call(CancellationToken cancellationToken, Metadata? headers = null) =>
        new(headers: headers, deadline: DateTime.UtcNow + CallTimeout, cancellationToken: cancellationToken);

    public void Dispose() => _channel.Dispose();
}
