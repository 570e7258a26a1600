namespace Hydra.Keystore.Options;

/// <summary>Where a node keeps its data (<see cref="KeystoreDatabaseOptions.Backend"/>).</summary>
public enum KeystoreBackend
{
    /// <summary>The embedded LiteDB file <see cref="KeystoreOptions.DataFile"/>, with the node's own group commit.</summary>
    LiteDb,

    /// <summary>A PostgreSQL database of the node's own; each batch of the writer is one PostgreSQL transaction.</summary>
    PostgreSql,
}
