using Grpc.Net.Client;
using Hydra.Client.Auditing;
using Hydra.Client.Tls;
using Hydra.Keystore.V1;

namespace Hydra.Client.Cluster;

/// <summary>
/// A keystore node's connection to one peer, over which it hands the peer its signed audit checkpoints to witness.
/// The node authenticates with its host certificate, which the peer matches against the checkpoint's signer.
/// </summary>
public sealed class CheckpointWitnessClient : IDisposable
{
    private readonly GrpcChannel _channel;
    private readonly Keystore.V1.Keystore.KeystoreClient _client;
    private readonly TimeSpan _timeout;

    public CheckpointWitnessClient(ClusterNode peer, TlsCredential hostCredential, NodeCertificateValidator validator, KeystoreClusterOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(peer);
        options ??= KeystoreClusterOptions.Default;
        Peer = peer;
        _channel = GridChannel.Create(peer, hostCredential, validator, options);
        _client = new Keystore.V1.Keystore.KeystoreClient(_channel);
        _timeout = options.CallTimeout;
    }

    public ClusterNode Peer { get; }

    /// <summary>Sends <paramref name="checkpoint"/>; false when the peer already witnessed another hash at that sequence.</summary>
    public async Task<bool> WitnessAsync(SignedCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        var response = await _client.WitnessCheckpointAsync(
            new WitnessCheckpointRequest { Checkpoint = CheckpointMessages.ToProto(checkpoint) },
            deadline: DateTime.UtcNow + _timeout,
            cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.Consistent;
    }

    public void Dispose() => _channel.Dispose();
}
