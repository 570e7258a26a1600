using System.Collections.Concurrent;
using Hydra.Bridge.Storage;

namespace Hydra.Bridge.Handoff;

/// <summary>
/// The keystore nodes' host certificates as seen in TLS handshakes (validated there against the trust directory and
/// the cluster file's identities), kept durably: a node that is down can still be sent shares sealed to it.
/// </summary>
internal sealed class NodeCertificates
{
    private readonly BridgeStore _store;
    private readonly ConcurrentDictionary<string, byte[]> _unsaved = new(StringComparer.Ordinal);

    public NodeCertificates(BridgeStore store)
    {
        _store = store;
    }

    /// <summary>Called from the TLS handshake: remembers a certificate that differs from the stored one.</summary>
    public void Seen(string nodeId, Org.BouncyCastle.X509.X509Certificate certificate)
    {
        var encoded = certificate.GetEncoded();
        var stored = _store.NodeCertificate(nodeId);
        if (stored is null || !stored.AsSpan().SequenceEqual(encoded))
        {
            _unsaved[nodeId] = encoded;
        }
    }

    /// <summary>Makes every newly seen certificate durable.</summary>
    public async Task SaveAsync(CancellationToken cancellationToken)
    {
        foreach (var (nodeId, certificate) in _unsaved)
        {
            await _store.PutNodeCertificateAsync(nodeId, certificate, cancellationToken);
            _unsaved.TryRemove(new KeyValuePair<string, byte[]>(nodeId, certificate));
        }
    }
}
