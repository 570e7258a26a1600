namespace Hydra.Keystore.Options;

/// <summary>How the node seals its audit trail.</summary>
public sealed class KeystoreAuditOptions
{
    /// <summary>
    /// Seconds between signed checkpoints of the trail (made only when new records arrived), each sent to every peer.
    /// Defaults to 60.
    /// </summary>
    public double CheckpointIntervalSeconds { get; set; } = 60;

    /// <summary>
    /// Most checkpoints in one GetCheckpoints answer (clients page through the rest); keeps each answer well under
    /// gRPC's 4 MiB message limit, a checkpoint with its certificate chain being about 1.5 KB. Defaults to 1000.
    /// </summary>
    public int CheckpointPageSize { get; set; } = 1000;

    /// <summary>
    /// Seconds over which connections refused in or right after the TLS handshake are tallied before they are written
    /// to the trail as one <c>TlsHandshake</c> record per peer address and reason (with the count and the first and
    /// last time). Defaults to 60.
    /// </summary>
    public double HandshakeRefusalIntervalSeconds { get; set; } = 60;
}
