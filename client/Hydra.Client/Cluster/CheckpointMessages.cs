using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Hydra.Client.Auditing;
using Hydra.Keystore.V1;
using Org.BouncyCastle.X509;

namespace Hydra.Client.Cluster;

/// <summary>Conversions between signed checkpoints and the API's messages (client side).</summary>
internal static class CheckpointMessages
{
    public static AuditCheckpoint ToProto(SignedCheckpoint checkpoint)
    {
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

    public static SignedCheckpoint FromProto(AuditCheckpoint message) => new(
        message.NodeId,
        message.Sequence,
        Convert.FromHexString(message.Hash),
        message.Time.ToDateTimeOffset(),
        message.Signature.ToByteArray(),
        message.SignatureAlgorithm,
        [.. message.Certificates.Select(c => new X509Certificate(c.ToByteArray()))]);
}
