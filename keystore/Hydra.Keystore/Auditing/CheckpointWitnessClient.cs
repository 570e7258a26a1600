using Grpc.Net.Client;
using Hydra.Audit;
using Hydra.Grid;
using Hydra.Grid.Tls;
using Hydra.Keystore.Contract.Channels;
using Hydra.Keystore.Contract.Mapping;
using Hydra.Keystore.V1;

namespace Hydra.Keystore.Auditing;

/// <summary>
/// A keystore node's connection to one peer, over which it hands the peer its signed audit checkpoints to witness.
/// The node authenticates with its host certificate, which the peer matches against the checkpoint's signer.
/// </summary>
internal sealed class CheckpointWitnessClient : IDisposable
{
    /// <summary>Deadline of each hand-over: a peer that does not answer is tried again at the next interval.</summary>
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(10);

    private readonly GrpcChannel _channel;
    private readonly V1.Keystore.KeystoreClient _client;

    public CheckpointWitnessClient(ClusterNode peer, TlsCredential hostCredential, HostCertificateValidator validator)
    {
        ArgumentNullException.ThrowIfNull(peer);
        Peer = peer;
        _channel = GridChannel.Create(peer, hostCredential, validator, GridChannelOptions.Default);
        _client = new V1.Keystore.KeystoreClient(_channel);
    }

    public ClusterNode Peer { get; }

    /// <summary>Sends <paramref name="checkpoint"/>; false when the peer already witnessed another hash at that sequence.</summary>
    public async Task<bool> WitnessAsync(SignedCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        var response = await _client.WitnessCheckpointAsync(
            new WitnessCheckpointRequest { Checkpoint = ProtoMapping.ToProto(checkpoint) },
            deadline: DateTime.UtcNow + CallTimeout, // gRPC measures deadlines on the system clock
            cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.Consistent;
    }

    public void Dispose() => _channel.Dispose();
}
