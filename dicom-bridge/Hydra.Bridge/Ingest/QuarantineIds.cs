using System.Security.Cryptography;
using System.Text;

namespace Hydra.Bridge.Ingest;

/// <summary>
/// Quarantine ids: a keyed hash (HMAC-SHA-256 under the bridge secret) of the original SOP Instance UID, so a re-sent
/// original maps to the same id while the id itself reveals nothing about the original.
/// </summary>
internal sealed class QuarantineIds
{
    private static readonly byte[] Label = Encoding.ASCII.GetBytes("hydra-quarantine-id\0");
    private readonly byte[] _secret;

    public QuarantineIds(byte[] secret)
    {
        _secret = secret;
    }

    public string For(string? sopInstanceUid)
    {
        if (string.IsNullOrWhiteSpace(sopInstanceUid))
        {
            return Guid.NewGuid().ToString("N");
        }

        var input = Label.Concat(Encoding.ASCII.GetBytes(sopInstanceUid.Trim())).ToArray();
        return Convert.ToHexStringLower(HMACSHA256.HashData(_secret, input).AsSpan(0, 16));
    }
}
