using Hydra.Audit;

namespace Hydra.Keystore.Storage;

/// <summary>The sequence number and hash of the newest audit record; owned by the writer thread.</summary>
internal sealed class AuditTrailHead
{
    public AuditTrailHead(long sequence, ReadOnlyMemory<byte> hash)
    {
        Sequence = sequence;
        Hash = hash;
    }

    public long Sequence { get; private set; }

    public ReadOnlyMemory<byte> Hash { get; private set; }

    public static AuditTrailHead From(AuditEntry? last) =>
        last is null ? new AuditTrailHead(0, AuditChain.Genesis) : new AuditTrailHead(last.Sequence, last.Hash);

    public void Advance(AuditEntry entry)
    {
        Sequence = entry.Sequence;
        Hash = entry.Hash;
    }

    public AuditTrailHead Copy() => new(Sequence, Hash);

    public void Restore(AuditTrailHead saved)
    {
        Sequence = saved.Sequence;
        Hash = saved.Hash;
    }
}
