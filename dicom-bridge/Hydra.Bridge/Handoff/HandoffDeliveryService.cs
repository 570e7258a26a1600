using Hydra.Bridge.Ingest;
using Hydra.Bridge.Options;
using Hydra.Bridge.Storage;
using Hydra.Cluster;
using Hydra.Keystore.Contract;

namespace Hydra.Bridge.Handoff;

/// <summary>
/// Delivers shares that waited for nodes that were down, at a fixed interval, and forgets each only once its node
/// acknowledged it durably. A node that still holds a stale share of the same key (left by a registration that was
/// rolled back or never finished) has it removed first; the bridge owns every key it registered.
/// </summary>
internal sealed class HandoffDeliveryService : BackgroundService
{
    private const int BatchSize = 500;

    private readonly KeystoreCluster _cluster;
    private readonly IBridgeStore _store;
    private readonly NodeCertificates _certificates;
    private readonly BridgeIngestOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public HandoffDeliveryService(
        KeystoreCluster cluster, IBridgeStore store, NodeCertificates certificates, BridgeOptions options, TimeProvider time,
        ILogger<HandoffDeliveryService> logger)
    {
        _cluster = cluster;
        _store = store;
        _certificates = certificates;
        _options = options.Ingest;
        _time = time;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(_options.HandoffRetrySeconds), _time);
        try
        {
            // Meet every node once at start, so each one's certificate is on record before any share must wait for it.
            await _cluster.GetStatusAsync(stoppingToken);
            do
            {
                await _certificates.SaveAsync(stoppingToken);
                await DeliverAsync(stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down; what is left waits durably for the next start.
        }
    }

    /// <summary>
    /// One round: a batch of every node's waiting shares, claimed so that bridges sharing the queue deliver each share
    /// once. A database that is unreachable ends the round; the shares wait for the next.
    /// </summary>
    public async Task DeliverAsync(CancellationToken cancellationToken)
    {
        foreach (var node in _cluster.Nodes)
        {
            var stale = new List<KeyId>();
            try
            {
                var removed = await _store.DrainHandoffAsync(
                    node.Id, BatchSize, (pending, ct) => DeliverToAsync(node.Id, pending, stale, ct), cancellationToken);
                if (removed > 0)
                {
                    BridgeLog.SharesDelivered(_logger, removed, node.Id);
                }
            }
            catch (CatalogUnavailableException ex)
            {
                BridgeLog.HandoffFailed(_logger, node.Id, ex.Message);
                return;
            }

            // After the delivered shares left the queue, so a share just delivered is never taken for a stale one.
            foreach (var keyId in stale)
            {
                await _cluster.DeleteKeyOnNodeAsync(node.Id, keyId, cancellationToken);
            }
        }
    }

    /// <summary>
    /// Delivers claimed shares; returns those the node acknowledged durably (none when it could not be reached) and
    /// adds to <paramref name="stale"/> the keys the node already held a share of.
    /// </summary>
    private async Task<IReadOnlyList<HandoffEntry>> DeliverToAsync(
        string nodeId, IReadOnlyList<HandoffEntry> pending, List<KeyId> stale, CancellationToken cancellationToken)
    {
        IReadOnlyList<HandoffDelivery> results;
        try
        {
            results = await _cluster.DeliverSealedSharesAsync(
                nodeId, [.. pending.Select(p => new SealedShareRegistration(KeyId.Parse(p.KeyId), p.SealedEnvelope, IngestAcl.ParseAll(p.Acl)))],
                cancellationToken);
        }
        catch (ClusterException ex)
        {
            BridgeLog.HandoffFailed(_logger, nodeId, ex.Message);
            return [];
        }

        stale.AddRange(results.Where(r => r.Failure?.Kind == NodeFailureKind.AlreadyExists).Select(r => r.KeyId));
        return [.. pending.Where((_, i) => results[i].Delivered)];
    }
}
