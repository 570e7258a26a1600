using System.Buffers.Binary;
using System.Text;
using Hydra.Keystore.Contract;

namespace Hydra.Sharing;

/// <summary>
/// One keystore node's share of one key: the raw share (x, y) with the split it belongs to and an integrity tag keyed
/// by the key itself, so a node that alters its share cannot make the tag match. Layout: <c>keystore/Hydra.Sharing/FORMAT.md</c>.
/// </summary>
public sealed record ShareEnvelope
{
    /// <summary>The only envelope version this library writes and reads.</summary>
    public const int CurrentVersion = 1;

    /// <summary>Length of <see cref="SplitId"/> in bytes.</summary>
    public const int SplitIdLength = 16;

    /// <summary>Length of <see cref="Tag"/> in bytes (HMAC-SHA256).</summary>
    public const int TagLength = 32;

    /// <summary>The longest y accepted, in bytes: keys, not bulk data, are shared this way.</summary>
    public const int MaxYLength = 1024;

    private static ReadOnlySpan<byte> Magic => "HYSE"u8;

    private readonly byte[] _splitId;
    private readonly byte[] _y;
    private readonly byte[] _tag;

    /// <summary>Builds an envelope, copying the byte fields; arguments must be structurally valid.</summary>
    public ShareEnvelope(KeyId keyId, ReadOnlySpan<byte> splitId, int threshold, int shareCount, byte x, ReadOnlySpan<byte> y, ReadOnlySpan<byte> tag)
    {
        if (keyId.Value.Length == 0)
        {
            throw new ArgumentException("The key id must not be default.", nameof(keyId));
        }

        ArgumentOutOfRangeException.ThrowIfNotEqual(splitId.Length, SplitIdLength, nameof(splitId));
        ArgumentOutOfRangeException.ThrowIfNotEqual(tag.Length, TagLength, nameof(tag));
        ArgumentOutOfRangeException.ThrowIfZero(x);
        ArgumentOutOfRangeException.ThrowIfZero(y.Length, nameof(y));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(y.Length, MaxYLength, nameof(y));
        Shamir.ValidateParameters(shareCount, threshold);
        KeyId = keyId;
        Threshold = threshold;
        ShareCount = shareCount;
        X = x;
        _splitId = splitId.ToArray();
        _y = y.ToArray();
        _tag = tag.ToArray();
    }

    /// <summary>The format version; always <see cref="CurrentVersion"/>.</summary>
    public int Version { get; } = CurrentVersion;

    /// <summary>The key this share belongs to.</summary>
    public KeyId KeyId { get; }

    /// <summary>16 random bytes naming one split of the key; shares of different splits never combine.</summary>
    public ReadOnlyMemory<byte> SplitId => _splitId;

    /// <summary>M: how many shares rebuild the key.</summary>
    public int Threshold { get; }

    /// <summary>N: how many shares the split made.</summary>
    public int ShareCount { get; }

    /// <summary>The share's x coordinate, 1..255.</summary>
    public byte X { get; }

    /// <summary>The share's y bytes, one per key byte. Secret-dependent: never log them.</summary>
    public ReadOnlyMemory<byte> Y => _y;

    /// <summary>HMAC-SHA256 integrity tag over every other field, keyed from the key (see <c>keystore/Hydra.Sharing/FORMAT.md</c>).</summary>
    public ReadOnlyMemory<byte> Tag => _tag;

    /// <summary>The envelope in its binary form, for gRPC <c>bytes</c> fields and storage.</summary>
    public byte[] ToBytes()
    {
        var keyId = Encoding.ASCII.GetBytes(KeyId.Value);
        var output = new byte[EncodedLength(keyId.Length, _y.Length)];
        var writer = output.AsSpan();
        Magic.CopyTo(writer);
        writer[4] = CurrentVersion;
        writer[5] = (byte)keyId.Length;
        keyId.CopyTo(writer[6..]);
        var offset = 6 + keyId.Length;
        _splitId.CopyTo(writer[offset..]);
        offset += SplitIdLength;
        writer[offset++] = (byte)Threshold;
        writer[offset++] = (byte)ShareCount;
        writer[offset++] = X;
        BinaryPrimitives.WriteUInt16BigEndian(writer[offset..], (ushort)_y.Length);
        offset += 2;
        _y.CopyTo(writer[offset..]);
        _tag.CopyTo(writer[(offset + _y.Length)..]);
        return output;
    }

    /// <summary>
    /// Parses and structurally validates an envelope (the tag needs the key and is checked by
    /// <see cref="KeyReconstructor"/>). Throws <see cref="ShareException"/> naming the bad field and its offset.
    /// </summary>
    public static ShareEnvelope Parse(ReadOnlySpan<byte> data) => ShareEnvelopeParser.Parse(data);

    /// <summary>Total encoded length for the given key id and y lengths.</summary>
    internal static int EncodedLength(int keyIdLength, int yLength) => 6 + keyIdLength + SplitIdLength + 3 + 2 + yLength + TagLength;

    internal static bool HasMagic(ReadOnlySpan<byte> data) => data.StartsWith(Magic);

    public bool Equals(ShareEnvelope? other) =>
        other is not null
        && KeyId == other.KeyId
        && Threshold == other.Threshold
        && ShareCount == other.ShareCount
        && X == other.X
        && _splitId.AsSpan().SequenceEqual(other._splitId)
        && _y.AsSpan().SequenceEqual(other._y)
        && _tag.AsSpan().SequenceEqual(other._tag);

    public override int GetHashCode() => HashCode.Combine(KeyId, Threshold, ShareCount, X, Convert.ToHexString(_splitId));

    /// <summary>Prints the public fields only: y and the tag stay out of logs.</summary>
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("KeyId = ").Append(KeyId.Value)
            .Append(", SplitId = ").Append(Convert.ToHexStringLower(_splitId))
            .Append(", Threshold = ").Append(Threshold)
            .Append(", ShareCount = ").Append(ShareCount)
            .Append(", X = ").Append(X);
        return true;
    }
}
