using System.Buffers.Binary;
using System.Text;
using Hydra.Grid;
using Hydra.Grid.Tls;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;

namespace Hydra.Audit;

/// <summary>
/// Signing and checking audit checkpoints. The signed message is the ASCII tag <c>hydra/checkpoint/v1</c>, the node
/// id (4-byte length + UTF-8), the sequence (8 bytes), the 32-byte hash and the time in Unix microseconds (8 bytes),
/// big-endian.
/// </summary>
public static class AuditCheckpoints
{
    private static readonly byte[] Tag = "hydra/checkpoint/v1"u8.ToArray();

    /// <summary>The algorithms <see cref="Sign"/> uses; a checkpoint naming any other (SHA-1, MD5...) is refused.</summary>
    private static readonly HashSet<string> Accepted = new(StringComparer.Ordinal) { "SHA256WITHRSA", "SHA256WITHECDSA" };

    /// <summary>Signs a checkpoint with a node's host credential.</summary>
    public static SignedCheckpoint Sign(string nodeId, long sequence, ReadOnlyMemory<byte> hash, DateTimeOffset time, TlsCredential hostCredential)
    {
        ArgumentNullException.ThrowIfNull(hostCredential);
        var algorithm = hostCredential.PrivateKey is ECPrivateKeyParameters ? "SHA256WITHECDSA" : "SHA256WITHRSA";
        var normalized = AuditChain.Normalize(time);
        var signer = SignerUtilities.GetSigner(algorithm);
        signer.Init(true, hostCredential.PrivateKey);
        var message = Message(nodeId, sequence, hash.Span, normalized);
        signer.BlockUpdate(message, 0, message.Length);
        return new SignedCheckpoint(nodeId, sequence, hash, normalized, signer.GenerateSignature(), algorithm, hostCredential.Chain);
    }

    /// <summary>
    /// Returns null when the checkpoint's signature verifies with its certificate and that certificate is a valid
    /// host certificate (at the checkpoint's time) that <paramref name="identityMatches"/> accepts; otherwise why not.
    /// </summary>
    public static string? Check(SignedCheckpoint checkpoint, ProxyChainValidator validator, Func<GridIdentity, bool>? identityMatches = null)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        ArgumentNullException.ThrowIfNull(validator);
        if (checkpoint.Certificates.Count == 0 || checkpoint.Hash.Length != AuditChain.HashLength)
        {
            return "the checkpoint is incomplete (no certificate or a malformed hash).";
        }

        if (!Accepted.Contains(checkpoint.SignatureAlgorithm))
        {
            return $"the signature algorithm '{checkpoint.SignatureAlgorithm}' is not accepted; checkpoints are signed with {string.Join(" or ", Accepted)}.";
        }

        try
        {
            var signer = SignerUtilities.GetSigner(checkpoint.SignatureAlgorithm);
            signer.Init(false, checkpoint.Certificates[0].GetPublicKey());
            var message = Message(checkpoint.NodeId, checkpoint.Sequence, checkpoint.Hash.Span, checkpoint.Time);
            signer.BlockUpdate(message, 0, message.Length);
            if (!signer.VerifySignature(checkpoint.Signature.ToArray()))
            {
                return "the signature does not verify: the checkpoint was forged or altered.";
            }
        }
        catch (SecurityUtilityException ex)
        {
            return $"unsupported signature algorithm '{checkpoint.SignatureAlgorithm}': {ex.Message}";
        }

        try
        {
            var identity = validator.Validate(checkpoint.Certificates, checkpoint.Time);
            if (identity.ProxyDepth != 0)
            {
                return "the checkpoint was signed with a proxy, not a host certificate.";
            }

            return identityMatches is null || identityMatches(identity)
                ? null
                : $"the checkpoint was signed by {identity.Subject}, which is not node '{checkpoint.NodeId}'.";
        }
        catch (GridCredentialException ex)
        {
            return $"the signing certificate is not trusted: {ex.Message}";
        }
    }

    private static byte[] Message(string nodeId, long sequence, ReadOnlySpan<byte> hash, DateTimeOffset time)
    {
        var id = Encoding.UTF8.GetBytes(nodeId);
        var message = new byte[Tag.Length + 4 + id.Length + 8 + hash.Length + 8];
        var span = message.AsSpan();
        Tag.CopyTo(span);
        span = span[Tag.Length..];
        BinaryPrimitives.WriteInt32BigEndian(span, id.Length);
        id.CopyTo(span[4..]);
        span = span[(4 + id.Length)..];
        BinaryPrimitives.WriteInt64BigEndian(span, sequence);
        hash.CopyTo(span[8..]);
        span = span[(8 + hash.Length)..];
        BinaryPrimitives.WriteInt64BigEndian(span, (time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10);
        return message;
    }
}
