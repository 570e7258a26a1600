using System.Security.Cryptography;

namespace Hydra.Keystore.Sealing;

/// <summary>Makes a new data key wrapped by a seal key, and opens a stored one after checking it is the right key.</summary>
public static class DataKeys
{
    /// <summary>A fresh random data key: the cipher that uses it, and the form to store.</summary>
    public static (EnvelopeCipher Cipher, WrappedDataKey Stored) Create(ISealKey seal)
    {
        ArgumentNullException.ThrowIfNull(seal);
        var key = RandomNumberGenerator.GetBytes(EnvelopeCipher.KeySize);
        try
        {
            var wrapped = seal.Wrap(key);
            return (new EnvelopeCipher(key), new WrappedDataKey(seal.Kind, seal.Mechanism, wrapped, EnvelopeCipher.CheckValue(key), seal.Description));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    /// <summary>
    /// Unwraps <paramref name="stored"/> with <paramref name="seal"/> and checks its check value; throws
    /// <see cref="SealException"/> naming both keys when the configured seal is not the one the data was sealed with.
    /// </summary>
    public static EnvelopeCipher Open(ISealKey seal, WrappedDataKey stored)
    {
        ArgumentNullException.ThrowIfNull(seal);
        ArgumentNullException.ThrowIfNull(stored);
        if (stored.Kind != seal.Kind)
        {
            throw new SealException(
                $"The data was sealed with {stored.Description}, but the configured seal is {seal.Description}; configure the seal it was sealed with.");
        }

        byte[] key;
        try
        {
            key = seal.Unwrap(stored.Mechanism, stored.Wrapped);
        }
        catch (SealException ex)
        {
            throw new SealException($"The data was sealed with {stored.Description}; the configured {seal.Description} does not open it. {ex.Message}", ex);
        }

        try
        {
            if (key.Length != EnvelopeCipher.KeySize || !CryptographicOperations.FixedTimeEquals(EnvelopeCipher.CheckValue(key), stored.CheckValue))
            {
                throw new SealException(
                    $"The data was sealed with {stored.Description}; the configured {seal.Description} unwrapped a key whose check value does not match: it is another key.");
            }

            return new EnvelopeCipher(key);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }
}
