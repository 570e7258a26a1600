using Google.Protobuf.WellKnownTypes;
using Hydra.Client.Auditing;
using Hydra.Keystore.Security;
using Hydra.Keystore.V1;
using ProtoAcl = Hydra.Keystore.V1.Acl;
using ProtoAclEntry = Hydra.Keystore.V1.AclEntry;

namespace Hydra.Keystore.Services;

/// <summary>Conversions between stored values and the API's messages.</summary>
internal static class ProtoMapping
{
    public static ProtoAcl ToProto(KeyAcl acl)
    {
        var message = new ProtoAcl { Owner = acl.Owner.ToString(), Version = (ulong)acl.Version };
        message.Entries.AddRange(acl.Entries.Select(e => new ProtoAclEntry
        {
            Principal = e.Principal.Canonical,
            Permissions = (uint)e.Permissions,
            Deny = e.Deny,
        }));
        return message;
    }

    public static List<(string Principal, uint Permissions, bool Deny)> FromProto(IEnumerable<ProtoAclEntry> entries) =>
        [.. entries.Select(e => (e.Principal, e.Permissions, e.Deny))];

    public static AuditRecord ToProto(AuditEntry entry)
    {
        var record = new AuditRecord
        {
            Sequence = entry.Sequence,
            Time = Timestamp.FromDateTimeOffset(entry.Time),
            NodeId = entry.NodeId,
            Subject = entry.Subject,
            Issuer = entry.Issuer,
            Operation = entry.Operation,
            KeyId = entry.KeyId,
            Outcome = entry.Outcome,
            Reason = entry.Reason,
            Peer = entry.Peer,
            Delegate = entry.Delegate,
            ProxyDepth = entry.ProxyDepth,
            PreviousHash = Convert.ToHexStringLower(entry.PreviousHash.Span),
            Hash = Convert.ToHexStringLower(entry.Hash.Span),
        };
        record.Fqans.AddRange(entry.Fqans);
        return record;
    }

    public static Caller ToProto(CallerIdentity caller, NodeRoles roles)
    {
        var message = new Caller
        {
            Subject = caller.SubjectText,
            Issuer = caller.Issuer.ToString(),
            ProxyDepth = caller.ProxyDepth,
            Limited = caller.IsLimited,
        };
        message.Fqans.AddRange(caller.FqanTexts);
        message.Roles.AddRange(roles.RolesOf(caller));
        return message;
    }

    public static ItemStatus Ok() => new() { Code = 0 };

    public static ItemStatus ToStatus(KeystoreException refusal) =>
        new() { Code = (int)KeystoreStatusCodes.Map(refusal.Error), Message = refusal.Message };

    public static AuditCheckpoint ToProto(SignedCheckpoint checkpoint)
    {
        var message = new AuditCheckpoint
        {
            NodeId = checkpoint.NodeId,
            Sequence = checkpoint.Sequence,
            Hash = Convert.ToHexStringLower(checkpoint.Hash.Span),
            Time = Timestamp.FromDateTimeOffset(checkpoint.Time),
            Signature = Google.Protobuf.ByteString.CopyFrom(checkpoint.Signature.Span),
            SignatureAlgorithm = checkpoint.SignatureAlgorithm,
        };
        message.Certificates.AddRange(checkpoint.Certificates.Select(c => Google.Protobuf.ByteString.CopyFrom(c.GetEncoded())));
        return message;
    }

    /// <summary>Reads a checkpoint from a peer; malformed input is the caller's error, named.</summary>
    public static SignedCheckpoint FromProto(AuditCheckpoint? message)
    {
        if (message is null || message.Certificates.Count == 0 || message.Time is null || message.Hash.Length != 2 * AuditChain.HashLength)
        {
            throw new KeystoreException(KeystoreError.InvalidArgument, "The checkpoint lacks its certificate, time or 32-byte hash.");
        }

        try
        {
            return new SignedCheckpoint(
                message.NodeId,
                message.Sequence,
                Convert.FromHexString(message.Hash),
                message.Time.ToDateTimeOffset(),
                message.Signature.ToByteArray(),
                message.SignatureAlgorithm,
                [.. message.Certificates.Select(c => new Org.BouncyCastle.X509.X509Certificate(c.ToByteArray()))]);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or Org.BouncyCastle.Security.Certificates.CertificateException
            or Org.BouncyCastle.Asn1.Asn1Exception or IOException)
        {
            throw new KeystoreException(KeystoreError.InvalidArgument, $"The checkpoint is malformed: {ex.Message}");
        }
    }
}
