namespace Hydra.Sharing.Tests;

public sealed class GaloisFieldTests
{
    [Theory]
    [InlineData(3, 7, 9)]
    [InlineData(0x57, 0x83, 0xC1)] // FIPS-197 section 4.2 example
    [InlineData(3, 0, 0)]
    [InlineData(0, 0xFF, 0)]
    [InlineData(1, 0xAB, 0xAB)]
    [InlineData(0x80, 2, 0x1B)] // x^7 * x = x^8 = x^4 + x^3 + x + 1
    public void Multiply_KnownAnswers_Match(int a, int b, int expected)
    {
        // Act
        var product = GaloisField.Multiply((byte)a, (byte)b);

        // Assert
        Assert.Equal((byte)expected, product);
    }

    [Theory]
    [InlineData(6, 3, 2)]
    [InlineData(3, 3, 1)]
    [InlineData(0, 7, 0)]
    public void Divide_KnownAnswers_Match(int a, int b, int expected)
    {
        // Act
        var quotient = GaloisField.Divide((byte)a, (byte)b);

        // Assert
        Assert.Equal((byte)expected, quotient);
    }

    [Fact]
    public void Inverse_EveryNonZeroElement_MultipliesToOne()
    {
        for (var a = 1; a < 256; a++)
        {
            // Act
            var inverse = GaloisField.Inverse((byte)a);

            // Assert
            Assert.Equal(1, GaloisField.Multiply((byte)a, inverse));
        }
    }

    [Fact]
    public void Inverse_Zero_IsZero()
    {
        Assert.Equal(0, GaloisField.Inverse(0));
    }

    [Fact]
    public void Divide_ByZero_Throws()
    {
        Assert.Throws<DivideByZeroException>(() => GaloisField.Divide(5, 0));
    }

    [Fact]
    public void Multiply_AllPairs_EqualsSchoolbookProductReducedBy0x11B()
    {
        for (var a = 0; a < 256; a++)
        {
            for (var b = 0; b < 256; b++)
            {
                Assert.Equal(ReferenceMultiply(a, b), GaloisField.Multiply((byte)a, (byte)b));
            }
        }
    }

    [Fact]
    public void Multiply_Generator0xE5_HasOrder255()
    {
        // Vault's and npm's log/exp tables are built from the generator 0xE5: its powers must hit every non-zero element.
        var seen = new HashSet<byte>();
        byte power = 1;
        for (var i = 0; i < 255; i++)
        {
            seen.Add(power);
            power = GaloisField.Multiply(power, 0xE5);
        }

        Assert.Equal(255, seen.Count);
        Assert.Equal(1, power);
    }

    /// <summary>Carry-less product as a polynomial of degree up to 14, then long division by 0x11B.</summary>
    private static byte ReferenceMultiply(int a, int b)
    {
        var product = 0;
        for (var i = 0; i < 8; i++)
        {
            if (((b >> i) & 1) == 1)
            {
                product ^= a << i;
            }
        }

        for (var degree = 14; degree >= 8; degree--)
        {
            if (((product >> degree) & 1) == 1)
            {
                product ^= 0x11B << (degree - 8);
            }
        }

        return (byte)product;
    }
}
