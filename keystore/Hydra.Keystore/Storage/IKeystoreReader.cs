using Hydra.Audit;

namespace Hydra.Keystore.Storage;

/// <summary>Reads outside the writer: every durably committed change, nothing of a batch under way.</summary>
internal interface IKeystoreReader
{
    KeyRecord? FindKey(string keyId);

    /// <summary>Keys whose id is at or after <paramref name="lowerBound"/>, in ordinal id order.</summary>
    IEnumerable<KeyRecord> KeysFrom(string lowerBound);

    long KeyCount();

    /// <summary>Audit records numbered <paramref name="from"/> to <paramref name="to"/>, oldest first, read in one go.</summary>
    List<AuditEntry> ReadAudit(long from, long to);

    /// <summary>Checkpoints whose ids lie between <paramref name="fromId"/> and <paramref name="toId"/> (inclusive), in id order.</summary>
    IEnumerable<SignedCheckpoint> ReadCheckpoints(string fromId, string toId);

    AuditEntry? LastAuditEntry();
}
