using System.Security.Cryptography;

namespace Hydra.Keystore.Sealing;

/// <summary>
/// The embedded default: a 32-byte AES key in a file only the node's user may read, which wraps the data key with
/// AES-256-GCM. It protects copies of the data file that leave the key file behind (a backup of the database alone);
/// whoever copies both reads every share.
/// </summary>
internal sealed class KeyFileSealKey : ISealKey
{
    public const string GcmMechanism = "AES-256-GCM";
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private static readonly byte[] Aad = "hydra/data-key/v1"u8.ToArray();

    private readonly string _path;
    private byte[]? _key;

    private KeyFileSealKey(string path, byte[]? key)
    {
        _path = path;
        _key = key;
    }

    public SealKind Kind => SealKind.KeyFile;

    public string Mechanism => GcmMechanism;

    public string Description => $"the key file '{_path}'";

    /// <summary>Reads the key file when it exists (refusing loose permissions); a missing one is created by the first <see cref="Wrap"/>.</summary>
    public static KeyFileSealKey Open(string path)
    {
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            return new KeyFileSealKey(full, null);
        }

        var key = SecretFiles.ReadPrivate(full, "seal key file");
        if (key.Length != EnvelopeCipher.KeySize)
        {
            CryptographicOperations.ZeroMemory(key);
            throw new SealException($"The seal key file '{full}' holds {key.Length} bytes; a seal key file holds exactly {EnvelopeCipher.KeySize}.");
        }

        return new KeyFileSealKey(full, key);
    }

    public byte[] Wrap(ReadOnlySpan<byte> dataKey)
    {
        if (_key is null)
        {
            var key = RandomNumberGenerator.GetBytes(EnvelopeCipher.KeySize);
            SecretFiles.CreatePrivate(_path, key);
            _key = key;
        }

        var wrapped = new byte[NonceSize + dataKey.Length + TagSize];
        RandomNumberGenerator.Fill(wrapped.AsSpan(0, NonceSize));
        using var aes = new AesGcm(_key, TagSize);
        aes.Encrypt(wrapped.AsSpan(0, NonceSize), dataKey, wrapped.AsSpan(NonceSize, dataKey.Length), wrapped.AsSpan(NonceSize + dataKey.Length), Aad);
        return wrapped;
    }

    public byte[] Unwrap(string mechanism, ReadOnlySpan<byte> wrapped)
    {
        if (_key is null)
        {
            throw new SealException($"The seal key file '{_path}' does not exist; restore the key file this data file was sealed with.");
        }

        if (mechanism != GcmMechanism || wrapped.Length <= NonceSize + TagSize)
        {
            throw new SealException($"The data key was wrapped with '{mechanism}' ({wrapped.Length} bytes), which a key file does not unwrap.");
        }

        var dataKey = new byte[wrapped.Length - NonceSize - TagSize];
        try
        {
            using var aes = new AesGcm(_key, TagSize);
            aes.Decrypt(wrapped[..NonceSize], wrapped[NonceSize..^TagSize], wrapped[^TagSize..], dataKey, Aad);
            return dataKey;
        }
        catch (AuthenticationTagMismatchException ex)
        {
            throw new SealException($"The seal key file '{_path}' is not the key file the data key was wrapped with.", ex);
        }
    }

    public void Dispose()
    {
        if (_key is not null)
        {
            CryptographicOperations.ZeroMemory(_key);
        }
    }
}
