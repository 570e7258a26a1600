using Hydra.Audit;

namespace Hydra.Client.Tests.Auditing;

/// <summary>A node's hash-chained trail built in memory, record by record, as a node would write it.</summary>
internal sealed class SyntheticTrail
{
    public static readonly DateTimeOffset Start = new(2025, 3, 4, 9, 0, 0, TimeSpan.Zero);

    public SyntheticTrail(string nodeId) => NodeId = nodeId;

    public string NodeId { get; }

    public List<AuditEntry> Entries { get; } = [];

    public AuditEntry Add(
        TimeSpan at, string subject, string operation, string keyId = "", string outcome = AuditEntry.Allowed, string reason = "", string @delegate = "",
        string issuer = "/DC=org/DC=hydra-dev/CN=Hydra Dev CA", IReadOnlyList<string>? fqans = null)
    {
        var entry = AuditChain.Seal(new AuditEntry(
            Entries.Count + 1,
            AuditChain.Normalize(Start + at),
            NodeId,
            subject,
            issuer,
            fqans ?? [],
            operation,
            keyId,
            outcome,
            reason,
            "127.0.0.1:5000",
            @delegate,
            0,
            Entries.Count == 0 ? AuditChain.Genesis : Entries[^1].Hash,
            ReadOnlyMemory<byte>.Empty));
        Entries.Add(entry);
        return entry;
    }

    public AuditEntry Release(TimeSpan at, string subject, string keyId, string @delegate = "") =>
        Add(at, subject, AuditOperations.GetShare, keyId, @delegate: @delegate);

    /// <summary>A share released to a token's holder, recorded as nodes do: issuer field <c>jti:id</c>, groups as FQANs.</summary>
    public AuditEntry TokenRelease(TimeSpan at, string principal, string keyId, string tokenId, params string[] groups) =>
        Add(at, principal, AuditOperations.GetShare, keyId, issuer: "jti:" + tokenId, fqans: groups);

    public AuditEntry Refuse(TimeSpan at, string subject, string keyId, string reason = "may not get the share") =>
        Add(at, subject, AuditOperations.GetShare, keyId, AuditEntry.Denied, reason);

    /// <summary>Replaces record <paramref name="sequence"/> and re-seals every later record: a consistent rewrite.</summary>
    public void Rewrite(long sequence, Func<AuditEntry, AuditEntry> edit)
    {
        var index = (int)sequence - 1;
        Entries[index] = AuditChain.Seal(edit(Entries[index]));
        for (var i = index + 1; i < Entries.Count; i++)
        {
            Entries[i] = AuditChain.Seal(Entries[i] with { PreviousHash = Entries[i - 1].Hash });
        }
    }
}
