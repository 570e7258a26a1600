using System.Security.Cryptography;
using Org.BouncyCastle.Math;

namespace Hydra.CertsDev.Building;

/// <summary>Random positive certificate serial numbers (RFC 5280 §4.1.2.2: at most 20 octets).</summary>
internal static class Serials
{
    public static BigInteger NewSerial()
    {
        Span<byte> bytes = stackalloc byte[16];
        RandomNumberGenerator.Fill(bytes);
        bytes[0] &= 0x7f;
        bytes[0] |= 0x01;
        return new BigInteger(1, bytes.ToArray());
    }
}
