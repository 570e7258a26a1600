using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Hydra.Audit;

/// <summary>
/// The hash chain over a node's audit records: each record's hash covers its canonical encoding and the previous
/// record's hash, so deleting, editing, inserting or reordering a record breaks every later link.
/// </summary>
/// <remarks>
/// Canonical form: the ASCII tag <c>hydra/audit/v1</c>, then each field in declaration order, big-endian integers
/// (sequence as 8 bytes, time as 8 bytes of Unix microseconds, counts and proxy depth as 4 bytes), strings as a 4-byte
/// byte length followed by UTF-8, the FQAN list as a count followed by its strings, and finally the previous hash.
/// </remarks>
public static class AuditChain
{
    /// <summary>Length in bytes of every hash in the chain (SHA-256).</summary>
    public const int HashLength = 32;

    private static readonly byte[] Tag = "hydra/audit/v1"u8.ToArray();

    /// <summary>The previous hash of a trail's first record.</summary>
    public static ReadOnlyMemory<byte> Genesis { get; } = new byte[HashLength];

    /// <summary>Computes the hash of <paramref name="entry"/> (its <see cref="AuditEntry.Hash"/> is ignored).</summary>
    public static byte[] ComputeHash(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (entry.PreviousHash.Length != HashLength)
        {
            throw new ArgumentException($"The previous hash must be {HashLength} bytes.", nameof(entry));
        }

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Tag);
        AppendInt64(hash, entry.Sequence);
        AppendInt64(hash, ToUnixMicroseconds(entry.Time));
        AppendString(hash, entry.NodeId);
        AppendString(hash, entry.Subject);
        AppendString(hash, entry.Issuer);
        AppendInt32(hash, entry.Fqans.Count);
        foreach (var fqan in entry.Fqans)
        {
            AppendString(hash, fqan);
        }

        AppendString(hash, entry.Operation);
        AppendString(hash, entry.KeyId);
        AppendString(hash, entry.Outcome);
        AppendString(hash, entry.Reason);
        AppendString(hash, entry.Peer);
        AppendString(hash, entry.Delegate);
        AppendInt32(hash, entry.ProxyDepth);
        hash.AppendData(entry.PreviousHash.Span);
        return hash.GetHashAndReset();
    }

    /// <summary>Returns <paramref name="entry"/> with its hash computed.</summary>
    public static AuditEntry Seal(AuditEntry entry) => entry with { Hash = ComputeHash(entry) };

    /// <summary>Time truncated to the microsecond, as stored and hashed.</summary>
    public static DateTimeOffset Normalize(DateTimeOffset time) =>
        DateTimeOffset.UnixEpoch.AddTicks(ToUnixMicroseconds(time) * 10);

    private static long ToUnixMicroseconds(DateTimeOffset time) =>
        (time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;

    private static void AppendInt64(IncrementalHash hash, long value)
    {
        Span<byte> buffer = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(buffer, value);
        hash.AppendData(buffer);
    }

    private static void AppendInt32(IncrementalHash hash, int value)
    {
        Span<byte> buffer = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(buffer, value);
        hash.AppendData(buffer);
    }

    private static void AppendString(IncrementalHash hash, string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        AppendInt32(hash, bytes.Length);
        hash.AppendData(bytes);
    }
}
