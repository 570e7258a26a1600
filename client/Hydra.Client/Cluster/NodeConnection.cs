using Grpc.Core;
using Grpc.Net.Client;
using Hydra.Client.Tls;

namespace Hydra.Client.Cluster;

/// <summary>
/// A long-lived HTTP/2 channel to one node over grid TLS. TLS handshakes cost milliseconds (BouncyCastle's RSA), so
/// channels are kept and multiplexed, never opened per call.
/// </summary>
internal sealed class NodeConnection : IDisposable
{
    private readonly GrpcChannel _channel;

    public NodeConnection(ClusterNode node, TlsCredential? credential, NodeCertificateValidator validator, KeystoreClusterOptions options)
    {
        Node = node;
        _channel = GridChannel.Create(node, credential, validator, options);
        Client = new Keystore.V1.Keystore.KeystoreClient(_channel);
        CallTimeout = options.CallTimeout;
    }

    public ClusterNode Node { get; }

    public Keystore.V1.Keystore.KeystoreClient Client { get; }

    public TimeSpan CallTimeout { get; }

    public CallOptions Call(CancellationToken cancellationToken, Metadata? headers = null) =>
        new(headers: headers, deadline: DateTime.UtcNow + CallTimeout, cancellationToken: cancellationToken);

    public void Dispose() => _channel.Dispose();
}
