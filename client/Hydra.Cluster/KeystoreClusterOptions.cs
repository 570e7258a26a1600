using Hydra.Keystore.Contract.Channels;
namespace Hydra.Cluster;

/// <summary>Tuning of <see cref="KeystoreCluster"/> connections.</summary>
public sealed record KeystoreClusterOptions
{
    /// <summary>Deadline of each call to a node. Defaults to 30 seconds.</summary>
    public TimeSpan CallTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long to wait for a TCP connection and TLS handshake. Defaults to 10 seconds.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long <c>GetKeyAsync</c> still waits, once M shares verified, for nodes that have not answered, so that each
    /// node that did not contribute is reported with its reason; those still silent after it are reported as not having
    /// answered in time. A node whose certificate was refused is reported at once. Defaults to 500 ms; zero waits for none.
    /// </summary>
    public TimeSpan LateAnswerGrace { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Most keys in one batch call to a node. Defaults to 5,000 (the node accepts up to 10,000).</summary>
    public int MaxBatchSize { get; init; } = 5_000;

    /// <summary>Clock for certificate checks and <see cref="LateAnswerGrace"/>; tests substitute a fake.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>
    /// Told each node's host certificate (leaf) after it passed validation in a handshake; the bridge keeps them to seal
    /// shares for a node that is down later.
    /// </summary>
    public Action<string, Org.BouncyCastle.X509.X509Certificate>? NodeCertificateSeen { get; init; }

    /// <summary>The options of each node's channel.</summary>
    public GridChannelOptions Channel => new() { ConnectTimeout = ConnectTimeout, ServerCertificateSeen = NodeCertificateSeen };

    public static KeystoreClusterOptions Default { get; } = new();
}
