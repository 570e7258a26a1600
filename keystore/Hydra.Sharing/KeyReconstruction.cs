using System.Security.Cryptography;
using Hydra.Keystore.Contract;

namespace Hydra.Sharing;

/// <summary>A key rebuilt from verified shares, with the sources that were used and those found bad.</summary>
/// <remarks>Dispose it as soon as the key has been used: disposing zeroes the key.</remarks>
public sealed class KeyReconstruction : IDisposable
{
    private readonly byte[] _key;
    private bool _disposed;

    internal KeyReconstruction(
        ShareEnvelope template,
        byte[] key,
        IReadOnlyList<string> usedSources,
        IReadOnlyList<string> badSources,
        IReadOnlyList<string> otherSplitSources)
    {
        KeyId = template.KeyId;
        SplitId = template.SplitId;
        Threshold = template.Threshold;
        ShareCount = template.ShareCount;
        _key = key;
        UsedSources = usedSources;
        BadSources = badSources;
        OtherSplitSources = otherSplitSources;
    }

    /// <summary>The key the shares belong to.</summary>
    public KeyId KeyId { get; }

    /// <summary>The split the key was rebuilt from.</summary>
    public ReadOnlyMemory<byte> SplitId { get; }

    /// <summary>M of the split used.</summary>
    public int Threshold { get; }

    /// <summary>N of the split used.</summary>
    public int ShareCount { get; }

    /// <summary>The rebuilt key; throws <see cref="ObjectDisposedException"/> after <see cref="Dispose"/>.</summary>
    public ReadOnlySpan<byte> Key => KeyMemory.Span;

    /// <summary>The rebuilt key as memory, for asynchronous APIs; zeroed by <see cref="Dispose"/>.</summary>
    public ReadOnlyMemory<byte> KeyMemory
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _key;
        }
    }

    /// <summary>The sources whose shares were combined (exactly M of them, in the order received).</summary>
    public IReadOnlyList<string> UsedSources { get; }

    /// <summary>Sources of the same split whose share failed its integrity tag under the rebuilt key: corrupt or forged.</summary>
    public IReadOnlyList<string> BadSources { get; }

    /// <summary>Sources whose share belongs to another split of the key (for example left over from before a re-split).</summary>
    public IReadOnlyList<string> OtherSplitSources { get; }

    /// <summary>Zeroes the key.</summary>
    public void Dispose()
    {
        CryptographicOperations.ZeroMemory(_key);
        _disposed = true;
    }
}
