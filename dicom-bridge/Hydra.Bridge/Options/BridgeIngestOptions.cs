namespace Hydra.Bridge.Options;

/// <summary>How ingest gathers work: key registrations per batch, batches at once, and how long a registration may wait for company.</summary>
public sealed class BridgeIngestOptions
{
    /// <summary>
    /// Image keys registered ahead of need, per ACL. Defaults to 64: an image then never waits for a registration
    /// while images arrive more slowly than a batch of half that many registers, and the nodes see one call per 32
    /// images. Keys waiting here are in memory only; after a crash they stay registered but protect nothing.
    /// </summary>
    public int KeyPoolSize { get; set; } = 64;

    /// <summary>Most keys registered in one batch call per node. Defaults to 256.</summary>
    public int MaxKeyBatch { get; set; } = 256;

    /// <summary>
    /// How long, in milliseconds, a key registration waits for others to share its batch. Defaults to 0: batches form
    /// from the keys that arrive while earlier ones are in flight, and a lone key is not held back.
    /// </summary>
    public int KeyBatchDelayMilliseconds { get; set; }

    /// <summary>Key batches being registered at once; more keys wait and form the next batch. Defaults to 4.</summary>
    public int MaxKeyBatchesInFlight { get; set; } = 4;

    /// <summary>Seconds between attempts to deliver waiting shares to nodes that were down. Defaults to 5.</summary>
    public double HandoffRetrySeconds { get; set; } = 5;
}
