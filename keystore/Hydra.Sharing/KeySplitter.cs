using System.Security.Cryptography;
using Hydra.Keystore.Contract;

namespace Hydra.Sharing;

/// <summary>Splits a random key into tagged share envelopes, one per keystore node.</summary>
public static class KeySplitter
{
    /// <summary>
    /// The shortest key accepted, in bytes. Tags are keyed by the key, so a guessable key could be found by one share
    /// holder; keys must be uniformly random (use <see cref="SecretEscrow"/> for other secrets).
    /// </summary>
    public const int MinKeyLength = 16;

    private static readonly RandomNumberGenerator DefaultRandom = RandomNumberGenerator.Create();

    /// <summary>
    /// Splits <paramref name="key"/> into <paramref name="shareCount"/> envelopes of one fresh split, any
    /// <paramref name="threshold"/> of which rebuild it.
    /// </summary>
    /// <param name="rng">The random source for the split id, x coordinates and coefficients; defaults to the system CSPRNG.</param>
    public static IReadOnlyList<ShareEnvelope> Split(KeyId keyId, ReadOnlySpan<byte> key, int shareCount, int threshold, RandomNumberGenerator? rng = null)
    {
        if (keyId.Value.Length == 0)
        {
            throw new ArgumentException("The key id must not be default.", nameof(keyId));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(key.Length, MinKeyLength, nameof(key));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(key.Length, ShareEnvelope.MaxYLength, nameof(key));
        rng ??= DefaultRandom;

        Span<byte> splitId = stackalloc byte[ShareEnvelope.SplitIdLength];
        rng.GetBytes(splitId);
        var shares = Shamir.Split(key, shareCount, threshold, rng);
        var envelopes = new ShareEnvelope[shareCount];
        Span<byte> tag = stackalloc byte[ShareEnvelope.TagLength];
        using var tagger = new ShareTag(key, splitId);
        try
        {
            for (var i = 0; i < shareCount; i++)
            {
                var x = shares[i][^1];
                var y = shares[i].AsSpan(0, key.Length);
                tagger.Compute(keyId, splitId, threshold, shareCount, x, y, tag);
                envelopes[i] = new ShareEnvelope(keyId, splitId, threshold, shareCount, x, y, tag);
            }
        }
        finally
        {
            foreach (var share in shares)
            {
                CryptographicOperations.ZeroMemory(share);
            }
        }

        return envelopes;
    }
}
