using Org.BouncyCastle.X509;

namespace Hydra.Audit;

/// <summary>
/// A node's signed statement that its audit trail held <paramref name="Sequence"/> records, the last hashing to
/// <paramref name="Hash"/>, at <paramref name="Time"/>. Peers keep copies as witnesses.
/// </summary>
public sealed record SignedCheckpoint(
    string NodeId,
    long Sequence,
    ReadOnlyMemory<byte> Hash,
    DateTimeOffset Time,
    ReadOnlyMemory<byte> Signature,
    string SignatureAlgorithm,
    IReadOnlyList<X509Certificate> Certificates);
