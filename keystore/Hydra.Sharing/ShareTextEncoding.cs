namespace Hydra.Sharing;

/// <summary>How share bytes are written as text.</summary>
public enum ShareTextEncoding
{
    /// <summary>Standard padded base64 (RFC 4648 section 4), as Vault prints unseal keys.</summary>
    Base64,

    /// <summary>Lower-case hexadecimal.</summary>
    Hex,
}
