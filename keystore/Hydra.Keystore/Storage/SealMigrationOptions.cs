namespace Hydra.Keystore.Storage;

/// <summary>How a data file is sealed: envelopes per durable commit, and progress hooks (the command reports batches).</summary>
internal sealed record SealMigrationOptions(int BatchSize)
{
    /// <summary>After each envelope is sealed and verified inside its batch, with the count so far (tests inject failures here).</summary>
    public Action<long>? AfterEnvelope { get; init; }

    /// <summary>After each batch is durable: batches and envelopes sealed so far.</summary>
    public Action<int, long>? AfterBatch { get; init; }
}
