using Hydra.Storage;

namespace Hydra.Keystore.Storage;

/// <summary>
/// A node's database, whichever the back end (<see cref="KeystoreDatabase"/>, LiteDB; <c>Postgres.PostgresKeystoreDatabase</c>):
/// the transactions its one writer drives, the writer's view inside a batch, and the committed view every other
/// thread reads. Both back ends store the same records (FORMAT.md), so the audit chain's hashes mean the same.
/// </summary>
internal interface IKeystoreDatabase : IDisposable
{
    /// <summary>One transaction per batch of the group-commit writer.</summary>
    IBatchDatabase Batches { get; }

    /// <summary>Reads and writes of the open batch (writer thread only): reads see the batch's own writes.</summary>
    IKeystoreBatch Batch { get; }

    /// <summary>Reads outside the writer: only committed rows.</summary>
    IKeystoreReader Committed { get; }

    /// <summary>What the data lives in, for messages (a file path, or host, port and database; never a password).</summary>
    string Description { get; }

    /// <summary>The stored seal, or null for a store written before sealing (or a new one).</summary>
    StoredSeal? ReadSeal();

    /// <summary>Writes the seal in a durable commit of its own (before the writer starts).</summary>
    void WriteSeal(StoredSeal seal);

    /// <summary>Share envelopes stored in clear (a LiteDB file written before sealing; never on PostgreSQL).</summary>
    long CountUnsealed();
}
