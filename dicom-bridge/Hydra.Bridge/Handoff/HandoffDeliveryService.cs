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
    private readonly BridgeStore _store;
    private readonly NodeCertificates _certificates;
    private readonly BridgeIngestOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public HandoffDeliveryService(
        KeystoreCluster cluster, BridgeStore store, NodeCertificates certificates, BridgeOptions options, TimeProvider time,
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

    /// <summary>One round: every node's waiting shares, in batches.</summary>
    public async Task DeliverAsync(CancellationToken cancellationToken)
    {
        foreach (var node in _cluster.Nodes)
        {
            var pending = _store.PendingHandoff(node.Id, BatchSize);
            if (pending.Count > 0)
            {
                await DeliverToAsync(node.Id, pending, cancellationToken);
            }
        }
    }

    private async Task DeliverToAsync(string nodeId, IReadOnlyList<HandoffEntry> pending, CancellationToken cancellationToken)
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
            return;
        }

        var delivered = pending.Where((_, i) => results[i].Delivered).ToList();
        await _store.RemoveHandoffAsync(delivered, cancellationToken);
        if (delivered.Count > 0)
        {
            BridgeLog.SharesDelivered(_logger, delivered.Count, nodeId);
        }

        foreach (var stale in results.Where(r => r.Failure?.Kind == NodeFailureKind.AlreadyExists))
        {
            await _cluster.DeleteKeyOnNodeAsync(nodeId, stale.KeyId, cancellationToken);
        }
    }
}
