using Hydra.Audit;
using Hydra.Grid;
using Hydra.Grid.Tls;
using Hydra.Hosting;
using Hydra.Keystore.Contract.Channels;
using Hydra.Keystore.Options;
using Hydra.Keystore.Storage;

namespace Hydra.Keystore.Auditing;

/// <summary>
/// Seals the audit trail at regular intervals with a checkpoint signed by the node's host key, and hands each
/// checkpoint to every peer to witness. Once a peer holds a checkpoint, this node cannot rewrite the records it
/// covers without the rewrite showing (the trail would no longer end in the witnessed hash at that sequence).
/// </summary>
internal sealed class CheckpointService : BackgroundService
{
    private readonly KeystoreStore _store;
    private readonly KeystoreOptions _options;
    private readonly TlsCredential _hostCredential;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly HostCertificateValidator _validator;
    private readonly Dictionary<string, long> _witnessedUpTo = new(StringComparer.Ordinal);
    private List<CheckpointWitnessClient> _peers = [];

    public CheckpointService(
        KeystoreStore store, KeystoreOptions options, GridHost host, TimeProvider time, ILogger<CheckpointService> logger)
    {
        _store = store;
        _options = options;
        _hostCredential = host.Credential;
        _time = time;
        _logger = logger;
        // Peers are checked against the node's one trust store: a CRL that revokes a peer stops the exchange at once.
        _validator = host.ServerValidator;
        ConfigurePeers(options.Peers);
    }

    /// <summary>
    /// Replaces the peers (normally fixed by configuration at start-up; hosts that learn peer endpoints later, such
    /// as test clusters on port 0, set them here).
    /// </summary>
    public void ConfigurePeers(IReadOnlyList<KeystorePeerOptions> peers)
    {
        var clients = peers.Select(peer => new CheckpointWitnessClient(
            new ClusterNode(peer.Id, peer.Endpoint, peer.Identity), _hostCredential, _validator)).ToList();
        List<CheckpointWitnessClient> old;
        lock (_witnessedUpTo)
        {
            old = _peers;
            _peers = clients;
            if (!ReferenceEquals(peers, _options.Peers))
            {
                _options.Peers = [.. peers];
            }
        }

        foreach (var client in old)
        {
            client.Dispose();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(_options.Audit.CheckpointIntervalSeconds), _time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await SealAndShareAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    /// <summary>Makes a checkpoint if records arrived since the last one, and sends the newest to lagging peers.</summary>
    public async Task SealAndShareAsync(CancellationToken cancellationToken)
    {
        SignedCheckpoint? latest;
        try
        {
            latest = await _store.ExecuteHousekeepingAsync(Seal, cancellationToken);
        }
        catch (KeystoreException ex)
        {
            KeystoreLog.CheckpointFailed(_logger, ex.Message);
            return;
        }

        if (latest is null)
        {
            return;
        }

        List<CheckpointWitnessClient> peers;
        lock (_witnessedUpTo)
        {
            peers = _peers;
        }

        await Task.WhenAll(peers.Select(peer => ShareAsync(peer, latest, cancellationToken)));
    }

    private SignedCheckpoint? Seal(StoreTransaction transaction)
    {
        var (sequence, hash) = transaction.Head;
        if (sequence == 0)
        {
            return null;
        }

        var existing = transaction.FindCheckpoint(_options.NodeId, sequence);
        if (existing is not null)
        {
            return existing;
        }

        var checkpoint = AuditCheckpoints.Sign(_options.NodeId, sequence, hash, transaction.Now, _hostCredential);
        transaction.PutCheckpoint(checkpoint);
        return checkpoint;
    }

    private async Task ShareAsync(CheckpointWitnessClient peer, SignedCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        lock (_witnessedUpTo)
        {
            if (_witnessedUpTo.GetValueOrDefault(peer.Peer.Id) >= checkpoint.Sequence)
            {
                return;
            }
        }

        try
        {
            var consistent = await peer.WitnessAsync(checkpoint, cancellationToken);
            if (!consistent)
            {
                KeystoreLog.CheckpointDisputed(_logger, peer.Peer.Id, checkpoint.Sequence);
            }

            lock (_witnessedUpTo)
            {
                _witnessedUpTo[peer.Peer.Id] = checkpoint.Sequence;
            }
        }
        catch (Exception ex) when (ex is Grpc.Core.RpcException or IOException or HttpRequestException)
        {
            // The peer is down or refuses: retried with the newest checkpoint at the next interval.
            KeystoreLog.CheckpointNotWitnessed(_logger, peer.Peer.Id, checkpoint.Sequence, ex.Message);
        }
    }

    public override void Dispose()
    {
        foreach (var peer in _peers)
        {
            peer.Dispose();
        }

        base.Dispose();
    }
}
