using System.Security.Cryptography;
using System.Text;
using Hydra.Keystore.Contract;

namespace Hydra.Sharing;

/// <summary>
/// Splits arbitrary secrets, guessable ones included, with integrity: a fresh random 256-bit key K is split into
/// tagged envelopes and the secret is sealed under K with AES-256-GCM inside every share (the dsprenkels/sss design).
/// Tags are therefore always keyed by a random K, so one share holder cannot test guesses of the secret against them.
/// </summary>
public static class SecretEscrow
{
    /// <summary>The longest secret accepted, in bytes (64 KiB): every share carries the sealed secret.</summary>
    public const int MaxSecretLength = 64 * 1024;

    private const int KeyLength = 32;

    private static ReadOnlySpan<byte> Label => "hydra/sealed-secret/v1"u8;

    private static readonly RandomNumberGenerator DefaultRandom = RandomNumberGenerator.Create();

    /// <summary>Splits <paramref name="secret"/> into <paramref name="shareCount"/> sealed shares, any <paramref name="threshold"/> of which recover it.</summary>
    /// <param name="rng">The random source for K, the nonce and the split; defaults to the system CSPRNG.</param>
    public static IReadOnlyList<SealedShare> Split(ReadOnlySpan<byte> secret, int shareCount, int threshold, RandomNumberGenerator? rng = null)
    {
        ArgumentOutOfRangeException.ThrowIfZero(secret.Length, nameof(secret));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(secret.Length, MaxSecretLength, nameof(secret));
        rng ??= DefaultRandom;

        var key = new byte[KeyLength];
        var sealedSecret = new byte[secret.Length + SealedShare.GcmTagLength];
        var nonce = new byte[SealedShare.NonceLength];
        try
        {
            rng.GetBytes(key);
            rng.GetBytes(nonce);
            var envelopes = KeySplitter.Split(KeyId.New(), key, shareCount, threshold, rng);
            Seal(key, envelopes[0], nonce, secret, sealedSecret);
            return envelopes.Select(envelope => new SealedShare(envelope, nonce, sealedSecret)).ToList();
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    /// <summary>
    /// Recovers the secret: rebuilds K from the envelopes (naming shares whose tags fail), then opens the sealed secret,
    /// naming shares whose sealed copy fails authentication.
    /// </summary>
    /// <exception cref="ShareException">No verified secret can be recovered; the message names the sources involved.</exception>
    public static RecoveredSecret Recover(IReadOnlyList<ReceivedSealedShare> shares)
    {
        ArgumentNullException.ThrowIfNull(shares);
        var received = shares.Select(share => new ReceivedShare(share.Source, share.Share.Envelope)).ToList();
        using var key = KeyReconstructor.Reconstruct(received);
        var bad = key.BadSources.ToList();
        byte[]? secret = null;
        foreach (var share in shares)
        {
            if (bad.Contains(share.Source) || key.OtherSplitSources.Contains(share.Source))
            {
                continue;
            }

            var opened = TryOpen(key.Key, share.Share);
            if (opened is null)
            {
                bad.Add(share.Source);
            }
            else if (secret is null)
            {
                secret = opened;
            }
            else
            {
                // A second authentic copy must be the same secret; only a dealer holding K could make it differ.
                if (!CryptographicOperations.FixedTimeEquals(secret, opened))
                {
                    bad.Add(share.Source);
                }

                CryptographicOperations.ZeroMemory(opened);
            }
        }

        return secret is not null
            ? new RecoveredSecret(secret, key.UsedSources, bad, key.OtherSplitSources)
            : throw new ShareException(
                ShareErrorReason.IntegrityFailure,
                $"The shares rebuilt the escrow key, but the sealed secret in every share ({string.Join(", ", bad)}) failed authentication.",
                bad);
    }

    private static void Seal(ReadOnlySpan<byte> key, ShareEnvelope split, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> secret, Span<byte> output)
    {
        Span<byte> sealingKey = stackalloc byte[KeyLength];
        try
        {
            HKDF.DeriveKey(HashAlgorithmName.SHA256, key, sealingKey, split.SplitId.Span, Label);
            using var aes = new AesGcm(sealingKey, SealedShare.GcmTagLength);
            aes.Encrypt(nonce, secret, output[..secret.Length], output[secret.Length..], AssociatedData(split));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(sealingKey);
        }
    }

    private static byte[]? TryOpen(ReadOnlySpan<byte> key, SealedShare share)
    {
        Span<byte> sealingKey = stackalloc byte[KeyLength];
        var sealedSecret = share.SealedSecret.Span;
        var secret = new byte[sealedSecret.Length - SealedShare.GcmTagLength];
        try
        {
            HKDF.DeriveKey(HashAlgorithmName.SHA256, key, sealingKey, share.Envelope.SplitId.Span, Label);
            using var aes = new AesGcm(sealingKey, SealedShare.GcmTagLength);
            aes.Decrypt(share.Nonce.Span, sealedSecret[..secret.Length], sealedSecret[secret.Length..], secret, AssociatedData(share.Envelope));
            return secret;
        }
        catch (AuthenticationTagMismatchException)
        {
            return null;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(sealingKey);
        }
    }

    /// <summary>Binds the sealed secret to its split: label || len(KeyId) || KeyId || SplitId || M || N.</summary>
    private static byte[] AssociatedData(ShareEnvelope split)
    {
        var keyId = Encoding.ASCII.GetBytes(split.KeyId.Value);
        return [.. Label, (byte)keyId.Length, .. keyId, .. split.SplitId.Span, (byte)split.Threshold, (byte)split.ShareCount];
    }
}
