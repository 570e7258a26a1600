using System.Security.Cryptography;

namespace Hydra.Cli.Commands.Shares;

/// <summary>A combined secret and what is known about the shares used; disposing zeroes the secret.</summary>
internal sealed record CombinedSecret(
    string Format,
    bool Verified,
    byte[] Secret,
    IReadOnlyList<string> UsedShares,
    IReadOnlyList<string> BadShares,
    IReadOnlyList<string> OtherShares,
    IDisposable? Owner) : IDisposable
{
    public void Dispose()
    {
        CryptographicOperations.ZeroMemory(Secret);
        Owner?.Dispose();
    }
}
