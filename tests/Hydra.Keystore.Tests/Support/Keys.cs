using System.Security.Cryptography;
using Hydra.Keystore.Contract;

namespace Hydra.Keystore.Tests.Support;

/// <summary>Fresh key ids and AES-256 keys for tests.</summary>
public static class Keys
{
    public static (KeyId Id, byte[] Key) NewKey() => (KeyId.New(), RandomNumberGenerator.GetBytes(32));
}
