namespace Hydra.Sharing;

/// <summary>
/// Arithmetic in GF(2^8) with the AES reduction polynomial x^8 + x^4 + x^3 + x + 1 (0x11B), the field of HashiCorp
/// Vault and the npm package shamir-secret-sharing. Addition is XOR.
/// </summary>
/// <remarks>
/// Multiplication is bit-serial with masks instead of branches or log/exp tables: table lookups indexed by secret
/// bytes leaked through the cache in Vault (CVE-2023-25000). Inversion is a^254 by a fixed chain of multiplications,
/// so its running time does not depend on the operand either.
/// </remarks>
internal static class GaloisField
{
    /// <summary>The low byte of the reduction polynomial 0x11B.</summary>
    private const int ReductionLow = 0x1B;

    /// <summary>Product of <paramref name="a"/> and <paramref name="b"/>, in time independent of both.</summary>
    public static byte Multiply(byte a, byte b)
    {
        var result = 0;
        for (var bit = 7; bit >= 0; bit--)
        {
            // result = result * x (reduced) + (bit of b) * a, every term selected by an all-ones or all-zeros mask.
            var reduceMask = -(result >> 7);
            var addMask = -((b >> bit) & 1);
            result = ((result << 1) & 0xFF) ^ (reduceMask & ReductionLow) ^ (addMask & a);
        }

        return (byte)result;
    }

    /// <summary>Multiplicative inverse a^254 (a^255 = 1 for a != 0); maps 0 to 0.</summary>
    public static byte Inverse(byte a)
    {
        var a2 = Multiply(a, a);
        var a3 = Multiply(a2, a);
        var a6 = Multiply(a3, a3);
        var a12 = Multiply(a6, a6);
        var a15 = Multiply(a12, a3);
        var a30 = Multiply(a15, a15);
        var a60 = Multiply(a30, a30);
        var a63 = Multiply(a60, a3);
        var a126 = Multiply(a63, a63);
        var a127 = Multiply(a126, a);
        return Multiply(a127, a127);
    }

    /// <summary>Quotient <paramref name="a"/> / <paramref name="b"/>; <paramref name="b"/> must not be zero.</summary>
    public static byte Divide(byte a, byte b)
    {
        if (b == 0)
        {
            throw new DivideByZeroException("Division by zero in GF(2^8).");
        }

        return Multiply(a, Inverse(b));
    }
}
