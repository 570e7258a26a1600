namespace Hydra.Storage;

/// <summary>
/// A database a <see cref="GroupCommitWriter{TTransaction}"/> drives from its one thread: one transaction per batch,
/// acknowledged only once durable. <see cref="DurableLiteDatabase"/> is one; a server database (the keystore node's
/// PostgreSQL back end) is another, where the server makes a commit durable.
/// </summary>
public interface IBatchDatabase
{
    /// <summary>Opens a transaction on the calling (writer) thread.</summary>
    void BeginTransaction();

    void Rollback();

    /// <summary>Commits the open transaction and returns once it is durable.</summary>
    void CommitDurably();

    /// <summary>Housekeeping between batches (LiteDB copies a large log into its data file); false when nothing was done.</summary>
    bool CheckpointIfLarge(long thresholdBytes);
}
