namespace Hydra.Grid;

/// <summary>Indexes into BouncyCastle's keyUsage bit array (RFC 5280 §4.2.1.3 KeyUsage bit numbers).</summary>
internal static class KeyUsageBits
{
    public const int DigitalSignature = 0;
    public const int KeyCertSign = 5;
}
