using System.Buffers.Binary;

namespace Hydra.Sharing;

/// <summary>
/// One share of an escrowed secret: a tagged envelope of a fresh random 256-bit key K, plus the secret sealed under K
/// with AES-256-GCM (the same sealed bytes in every share). Layout and text form: <c>keystore/Hydra.Sharing/FORMAT.md</c>.
/// </summary>
public sealed record SealedShare
{
    /// <summary>The only sealed-share version this library writes and reads.</summary>
    public const int CurrentVersion = 1;

    /// <summary>AES-GCM nonce length in bytes.</summary>
    public const int NonceLength = 12;

    /// <summary>AES-GCM tag length in bytes.</summary>
    public const int GcmTagLength = 16;

    /// <summary>Text forms start with this prefix, which also tells them from raw Vault-layout shares.</summary>
    public const string TextPrefix = "hydra-share-v1:";

    private static ReadOnlySpan<byte> Magic => "HYSS"u8;

    private readonly byte[] _nonce;
    private readonly byte[] _sealedSecret;

    /// <summary>Builds a sealed share, copying the byte fields.</summary>
    public SealedShare(ShareEnvelope envelope, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> sealedSecret)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        ArgumentOutOfRangeException.ThrowIfNotEqual(nonce.Length, NonceLength, nameof(nonce));
        ArgumentOutOfRangeException.ThrowIfLessThan(sealedSecret.Length, GcmTagLength + 1, nameof(sealedSecret));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(sealedSecret.Length, SecretEscrow.MaxSecretLength + GcmTagLength, nameof(sealedSecret));
        Envelope = envelope;
        _nonce = nonce.ToArray();
        _sealedSecret = sealedSecret.ToArray();
    }

    /// <summary>The share of K.</summary>
    public ShareEnvelope Envelope { get; }

    /// <summary>The AES-GCM nonce the secret was sealed with.</summary>
    public ReadOnlyMemory<byte> Nonce => _nonce;

    /// <summary>The secret sealed under a key derived from K: ciphertext followed by the 16-byte GCM tag.</summary>
    public ReadOnlyMemory<byte> SealedSecret => _sealedSecret;

    /// <summary>The binary form.</summary>
    public byte[] ToBytes()
    {
        var envelope = Envelope.ToBytes();
        var output = new byte[4 + 1 + 2 + envelope.Length + NonceLength + 4 + _sealedSecret.Length];
        var writer = output.AsSpan();
        Magic.CopyTo(writer);
        writer[4] = CurrentVersion;
        BinaryPrimitives.WriteUInt16BigEndian(writer[5..], (ushort)envelope.Length);
        envelope.CopyTo(writer[7..]);
        var offset = 7 + envelope.Length;
        _nonce.CopyTo(writer[offset..]);
        offset += NonceLength;
        BinaryPrimitives.WriteUInt32BigEndian(writer[offset..], (uint)_sealedSecret.Length);
        _sealedSecret.CopyTo(writer[(offset + 4)..]);
        return output;
    }

    /// <summary>The text form: <see cref="TextPrefix"/> then the binary form in <paramref name="encoding"/>.</summary>
    public string ToText(ShareTextEncoding encoding = ShareTextEncoding.Base64) => TextPrefix + ShareText.Encode(ToBytes(), encoding);

    /// <summary>Parses the binary form; throws <see cref="ShareException"/> naming the bad field and offset.</summary>
    public static SealedShare Parse(ReadOnlySpan<byte> data) => SealedShareParser.Parse(data);

    /// <summary>Parses the text form (prefix, then base64 or hex).</summary>
    public static SealedShare ParseText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        if (!trimmed.StartsWith(TextPrefix, StringComparison.Ordinal))
        {
            throw new ShareException(ShareErrorReason.Malformed, $"A sealed share starts with '{TextPrefix}'.");
        }

        byte[] bytes;
        try
        {
            bytes = ShareText.Decode(trimmed[TextPrefix.Length..]);
        }
        catch (FormatException)
        {
            throw new ShareException(ShareErrorReason.Malformed, "The sealed share's text after its prefix is neither hex nor base64.");
        }

        return Parse(bytes);
    }

    /// <summary>True when <paramref name="text"/> looks like the text form of a sealed share.</summary>
    public static bool IsSealedText(string text) =>
        text is not null && text.AsSpan().TrimStart().StartsWith(TextPrefix, StringComparison.Ordinal);

    internal static bool HasMagic(ReadOnlySpan<byte> data) => data.StartsWith(Magic);

    public bool Equals(SealedShare? other) =>
        other is not null
        && Envelope.Equals(other.Envelope)
        && _nonce.AsSpan().SequenceEqual(other._nonce)
        && _sealedSecret.AsSpan().SequenceEqual(other._sealedSecret);

    public override int GetHashCode() => HashCode.Combine(Envelope, _sealedSecret.Length);
}
