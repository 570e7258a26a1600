using System.Security.Cryptography;
using System.Text;
using Hydra.Keystore.Contract;

namespace Hydra.Sharing;

/// <summary>
/// The envelope's integrity tag:
/// <c>Tag = HMAC-SHA256(K_tag, "hydra/share-tag/v1" || len(KeyId) || KeyId || SplitId || M || N || X || Y)</c> with
/// <c>K_tag = HKDF-SHA256(ikm = K, salt = SplitId, info = "hydra/share-tag/v1")</c>. Only a holder of K can make one.
/// </summary>
internal sealed class ShareTag : IDisposable
{
    private static ReadOnlySpan<byte> Label => "hydra/share-tag/v1"u8;

    private readonly byte[] _tagKey = new byte[32];

    /// <summary>Derives K_tag for one split of <paramref name="key"/>.</summary>
    public ShareTag(ReadOnlySpan<byte> key, ReadOnlySpan<byte> splitId) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, key, _tagKey, splitId, Label);

    /// <summary>Writes the tag of the share (x, y) of the split described by the other arguments.</summary>
    public void Compute(KeyId keyId, ReadOnlySpan<byte> splitId, int threshold, int shareCount, byte x, ReadOnlySpan<byte> y, Span<byte> tag)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, _tagKey);
        Span<byte> header = stackalloc byte[Label.Length + 1 + KeyId.MaxLength];
        Label.CopyTo(header);
        var keyIdLength = Encoding.ASCII.GetBytes(keyId.Value, header[(Label.Length + 1)..]);
        header[Label.Length] = (byte)keyIdLength;
        hmac.AppendData(header[..(Label.Length + 1 + keyIdLength)]);
        hmac.AppendData(splitId);
        ReadOnlySpan<byte> parameters = [(byte)threshold, (byte)shareCount, x];
        hmac.AppendData(parameters);
        hmac.AppendData(y);
        hmac.GetHashAndReset(tag);
    }

    /// <summary>True when <paramref name="envelope"/>'s tag is the one this key makes (constant-time comparison).</summary>
    public bool Verify(ShareEnvelope envelope)
    {
        Span<byte> expected = stackalloc byte[ShareEnvelope.TagLength];
        Compute(envelope.KeyId, envelope.SplitId.Span, envelope.Threshold, envelope.ShareCount, envelope.X, envelope.Y.Span, expected);
        return CryptographicOperations.FixedTimeEquals(expected, envelope.Tag.Span);
    }

    public void Dispose() => CryptographicOperations.ZeroMemory(_tagKey);
}
