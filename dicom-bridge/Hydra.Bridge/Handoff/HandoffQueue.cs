using Hydra.Bridge.Storage;
using Hydra.Cluster;
using Hydra.Sharing;
using Org.BouncyCastle.X509;

namespace Hydra.Bridge.Handoff;

/// <summary>
/// Keeps the shares a node missed although the write quorum was met: each is sealed to that node's certificate, so
/// only that node can open it, and queued durably for <see cref="HandoffDeliveryService"/> to deliver on its return.
/// </summary>
internal sealed class HandoffQueue
{
    private readonly IBridgeStore _store;
    private readonly NodeCertificates _certificates;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public HandoffQueue(IBridgeStore store, NodeCertificates certificates, TimeProvider time, ILogger<HandoffQueue> logger)
    {
        _store = store;
        _certificates = certificates;
        _time = time;
        _logger = logger;
    }

    /// <summary>
    /// Seals and queues every share <paramref name="results"/> report undelivered (result i belongs to registration i);
    /// returns once they are on disk. A node whose certificate was never seen cannot be sealed to: its share is dropped
    /// and logged, and the key stays rebuildable from the nodes that hold it.
    /// </summary>
    public async Task QueueUndeliveredAsync(
        IReadOnlyList<KeyRegistration> registrations, IReadOnlyList<KeyRegistrationResult> results, CancellationToken cancellationToken)
    {
        if (results.All(r => r.Report is null || r.Report.Undelivered.Count == 0))
        {
            return;
        }

        // A node seen in this very batch's handshakes may have failed after it: its certificate must be on record first.
        await _certificates.SaveAsync(cancellationToken);
        var queued = new List<HandoffEntry>();
        for (var i = 0; i < results.Count; i++)
        {
            foreach (var share in results[i].Report?.Undelivered ?? [])
            {
                var certificate = await _store.NodeCertificateAsync(share.Node.Id, cancellationToken);
                if (certificate is null)
                {
                    BridgeLog.ShareNotSealable(_logger, share.Node.Id, registrations[i].KeyId.Value);
                    continue;
                }

                queued.Add(new HandoffEntry(
                    share.Node.Id,
                    registrations[i].KeyId.Value,
                    SealedEnvelopes.Seal(share.Envelope, new X509Certificate(certificate)),
                    [.. registrations[i].Acl.Select(e => e.ToRule())],
                    _time.GetUtcNow()));
            }
        }

        if (queued.Count > 0)
        {
            await _store.EnqueueHandoffAsync(queued, cancellationToken);
            foreach (var node in queued.GroupBy(q => q.NodeId))
            {
                BridgeLog.SharesQueued(_logger, node.Count(), node.Key, "the node did not acknowledge");
            }
        }
    }
}
