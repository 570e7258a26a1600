namespace Hydra.Keystore.Options;

/// <summary>How the node seals its audit trail.</summary>
public sealed class KeystoreAuditOptions
{
    /// <summary>
    /// Seconds between signed checkpoints of the trail (made only when new records arrived), each sent to every peer.
    /// Defaults to 60.
    /// </summary>
    public double CheckpointIntervalSeconds { get; set; } = 60;
}
