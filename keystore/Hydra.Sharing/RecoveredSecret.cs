using System.Security.Cryptography;

namespace Hydra.Sharing;

/// <summary>A secret recovered from sealed shares, with the sources used and those found bad. Disposing zeroes it.</summary>
public sealed class RecoveredSecret : IDisposable
{
    private readonly byte[] _secret;
    private bool _disposed;

    internal RecoveredSecret(byte[] secret, IReadOnlyList<string> usedSources, IReadOnlyList<string> badSources, IReadOnlyList<string> otherSplitSources)
    {
        _secret = secret;
        UsedSources = usedSources;
        BadSources = badSources;
        OtherSplitSources = otherSplitSources;
    }

    /// <summary>The secret; throws <see cref="ObjectDisposedException"/> after <see cref="Dispose"/>.</summary>
    public ReadOnlySpan<byte> Secret
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _secret;
        }
    }

    /// <summary>The sources whose shares of K were combined.</summary>
    public IReadOnlyList<string> UsedSources { get; }

    /// <summary>Sources whose share failed its tag, or whose sealed secret failed authentication: corrupt or forged.</summary>
    public IReadOnlyList<string> BadSources { get; }

    /// <summary>Sources whose share belongs to another escrow.</summary>
    public IReadOnlyList<string> OtherSplitSources { get; }

    /// <summary>Zeroes the secret.</summary>
    public void Dispose()
    {
        CryptographicOperations.ZeroMemory(_secret);
        _disposed = true;
    }
}
