using Grpc.Core;
using Grpc.Net.Client;
using Hydra.Grid;
using Hydra.Grid.Tls;
using Hydra.Keystore.Contract.Channels;

namespace Hydra.Cluster;

/// <summary>
/// A long-lived HTTP/2 channel to one node over grid TLS. TLS handshakes cost milliseconds (BouncyCastle's RSA), so
/// channels are kept and multiplexed, never opened per call. It remembers whether the node's certificate was last
/// refused, so a caller that does not wait for every node can still say why one did not answer.
/// </summary>
internal sealed class NodeConnection : IDisposable
{
    private readonly GrpcChannel _channel;
    private readonly Lock _gate = new();
    private string? _refusal;
    private TaskCompletionSource _refused = NewSignal();

    public NodeConnection(ClusterNode node, TlsCredential? credential, HostCertificateValidator validator, KeystoreClusterOptions options)
    {
        Node = node;
        var channel = options.Channel;
        _channel = GridChannel.Create(node, credential, validator, channel with
        {
            ServerCertificateSeen = (id, certificate) =>
            {
                Accepted();
                channel.ServerCertificateSeen?.Invoke(id, certificate);
            },
            ServerCertificateRefused = (_, reason) => Refused(reason),
        });
        Client = new Keystore.V1.Keystore.KeystoreClient(_channel);
        CallTimeout = options.CallTimeout;
    }

    public ClusterNode Node { get; }

    public Keystore.V1.Keystore.KeystoreClient Client { get; }

    public TimeSpan CallTimeout { get; }

    /// <summary>Why the node's certificate was refused in the latest check, or null when it was accepted (or not seen yet).</summary>
    public string? Refusal
    {
        get
        {
            lock (_gate)
            {
                return _refusal;
            }
        }
    }

    /// <summary>Completes once the node's certificate is refused (at once when the latest check refused it).</summary>
    public Task WhenRefused
    {
        get
        {
            lock (_gate)
            {
                return _refused.Task;
            }
        }
    }

    // gRPC measures deadlines on the system clock, whatever clock the caller's certificate checks use.
    public CallOptions Call(CancellationToken cancellationToken, Metadata? headers = null) =>
        new(headers: headers, deadline: DateTime.UtcNow + CallTimeout, cancellationToken: cancellationToken);

    private void Refused(string reason)
    {
        lock (_gate)
        {
            _refusal = reason;
            _refused.TrySetResult();
        }
    }

    private void Accepted()
    {
        lock (_gate)
        {
            _refusal = null;
            if (_refused.Task.IsCompleted)
            {
                _refused = NewSignal();
            }
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Dispose() => _channel.Dispose();
}
