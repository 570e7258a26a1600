using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Hydra.Audit;
using Hydra.Keystore.V1;
using Org.BouncyCastle.X509;

namespace Hydra.Keystore.Contract.Mapping;

/// <summary>Signed checkpoints, read with the same checks on a node (from a peer) and on a client (from a node).</summary>
public static partial class ProtoMapping
{
    /// <summary>Most certificates in a checkpoint's chain (a host certificate and its CAs).</summary>
    public const int MaxCheckpointCertificates = 10;

    public static AuditCheckpoint ToProto(SignedCheckpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        var message = new AuditCheckpoint
        {
            NodeId = checkpoint.NodeId,
            Sequence = checkpoint.Sequence,
            Hash = Convert.ToHexStringLower(checkpoint.Hash.Span),
            Time = Timestamp.FromDateTimeOffset(checkpoint.Time),
            Signature = ByteString.CopyFrom(checkpoint.Signature.Span),
            SignatureAlgorithm = checkpoint.SignatureAlgorithm,
        };
        message.Certificates.AddRange(checkpoint.Certificates.Select(c => ByteString.CopyFrom(c.GetEncoded())));
        return message;
    }

    /// <summary>Reads a checkpoint; its signature and signer are checked by <see cref="AuditCheckpoints.Check"/>.</summary>
    public static SignedCheckpoint FromProto(AuditCheckpoint? message)
    {
        if (message is null)
        {
            throw new MalformedMessageException("The message holds no checkpoint.");
        }

        var what = $"Checkpoint {message.Sequence} of '{message.NodeId}'";
        if (message.Certificates.Count is 0 or > MaxCheckpointCertificates)
        {
            throw new MalformedMessageException($"{what} carries {message.Certificates.Count} certificates; 1 to {MaxCheckpointCertificates} are expected.");
        }

        var time = RequireTime(message.Time, what);
        var hash = RequireHash(message.Hash, what + "'s hash");
        try
        {
            return new SignedCheckpoint(
                message.NodeId,
                message.Sequence,
                hash,
                time,
                message.Signature.ToByteArray(),
                message.SignatureAlgorithm,
                [.. message.Certificates.Select(c => new X509Certificate(c.ToByteArray()))]);
        }
        catch (Exception ex) when (ex is ArgumentException or Org.BouncyCastle.Security.Certificates.CertificateException
            or Org.BouncyCastle.Asn1.Asn1Exception or IOException)
        {
            throw new MalformedMessageException($"{what} carries a certificate that is not DER: {ex.Message}", ex);
        }
    }
}
