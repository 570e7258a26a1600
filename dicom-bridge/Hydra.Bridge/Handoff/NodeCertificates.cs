using System.Collections.Concurrent;
using Hydra.Bridge.Storage;

namespace Hydra.Bridge.Handoff;

/// <summary>
/// The keystore nodes' host certificates as seen in TLS handshakes (validated there against the trust directory and
/// the cluster file's identities), kept durably: a node that is down can still be sent shares sealed to it. The
/// handshake's callback is synchronous, so it compares with what this process saved (each certificate is saved once
/// per start), never with the store, which may be a remote database.
/// </summary>
internal sealed class NodeCertificates
{
    private readonly IBridgeStore _store;
    private readonly ConcurrentDictionary<string, byte[]> _unsaved = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte[]> _saved = new(StringComparer.Ordinal);

    public NodeCertificates(IBridgeStore store)
    {
        _store = store;
    }

    /// <summary>Called from the TLS handshake: remembers a certificate that differs from the one saved.</summary>
    public void Seen(string nodeId, Org.BouncyCastle.X509.X509Certificate certificate)
    {
        var encoded = certificate.GetEncoded();
        if (!_saved.TryGetValue(nodeId, out var saved) || !saved.AsSpan().SequenceEqual(encoded))
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
            _saved[nodeId] = certificate;
            _unsaved.TryRemove(new KeyValuePair<string, byte[]>(nodeId, certificate));
        }
    }
}
