namespace Hydra.Keystore.Options;

/// <summary>Group commit and checkpoint tuning for the node's LiteDB store.</summary>
public sealed class KeystoreStorageOptions
{
    /// <summary>Most operations gathered into one durable commit. Defaults to 1024.</summary>
    public int MaxBatchSize { get; set; } = 1024;

    /// <summary>Most operations waiting for the writer before callers are told to retry. Defaults to 65,536.</summary>
    public int MaxQueuedOperations { get; set; } = 65_536;

    /// <summary>
    /// Size of the LiteDB log, in megabytes, at which the writer copies it into the data file. Defaults to 32.
    /// </summary>
    public int CheckpointMegabytes { get; set; } = 32;
}
