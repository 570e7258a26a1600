namespace Hydra.Keystore.Options;

/// <summary>Another node of the cluster, which witnesses this node's audit checkpoints and sends its own.</summary>
public sealed class KeystorePeerOptions
{
    /// <summary>The peer's node id. Required.</summary>
    public string Id { get; set; } = string.Empty;

    /// <summary>The peer's <c>host:port</c>. Required.</summary>
    public string Endpoint { get; set; } = string.Empty;

    /// <summary>What the peer's host certificate must name (DNS name, IP, or <c>dn:...</c>). Required.</summary>
    public string Identity { get; set; } = string.Empty;
}
