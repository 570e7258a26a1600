using System.Security.Cryptography;
using Hydra.Keystore.Contract;

namespace Hydra.Bridge.Ingest;

/// <summary>An image key already registered on the cluster, taken from a <see cref="KeyPool"/> and used once; disposing wipes it.</summary>
internal sealed class PooledKey : IDisposable
{
    public PooledKey(KeyId id, byte[] key)
    {
        Id = id;
        Key = key;
    }

    public KeyId Id { get; }

    public byte[] Key { get; }

    public void Dispose() => CryptographicOperations.ZeroMemory(Key);
}
