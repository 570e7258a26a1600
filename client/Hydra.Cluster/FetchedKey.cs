using Hydra.Keystore.Contract;
using Hydra.Sharing;

namespace Hydra.Cluster;

/// <summary>
/// A key rebuilt from the cluster, with what each node contributed. Dispose it as soon as the key is used: that
/// zeroes the key bytes.
/// </summary>
public sealed class FetchedKey : IDisposable
{
    private readonly KeyReconstruction _reconstruction;

    internal FetchedKey(KeyReconstruction reconstruction, IReadOnlyList<NodeFailure> failed)
    {
        _reconstruction = reconstruction;
        Failed = failed;
    }

    public KeyId KeyId => _reconstruction.KeyId;

    /// <summary>The key bytes; valid until disposal.</summary>
    public ReadOnlySpan<byte> Key => _reconstruction.Key;

    /// <summary>The key bytes as memory, for asynchronous decryption; valid until disposal.</summary>
    public ReadOnlyMemory<byte> KeyMemory => _reconstruction.KeyMemory;

    /// <summary>Nodes whose shares rebuilt the key.</summary>
    public IReadOnlyList<string> UsedNodes => _reconstruction.UsedSources;

    /// <summary>Nodes that sent a corrupt or forged share (named so an operator can repair them).</summary>
    public IReadOnlyList<string> BadNodes => _reconstruction.BadSources;

    /// <summary>Nodes that did not send a share, and why.</summary>
    public IReadOnlyList<NodeFailure> Failed { get; }

    public void Dispose() => _reconstruction.Dispose();
}
