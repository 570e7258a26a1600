using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using Hydra.Dicom.Deidentification;

namespace Hydra.Dicom.Tests.Deidentification;

/// <summary>The HMAC-based mappings: UIDs, pseudonyms and date offsets.</summary>
public sealed class KeyedMappingTests
{
    [Fact]
    public void MapUid_Uid_Is225AndTheDecimalOfTheFirst128BitsOfTheHmac()
    {
        // Arrange
        var mapping = new KeyedMapping(TestSecrets.Secret);
        const string uid = "1.3.6.1.4.1.5962.1.1.1.1.1.20040119072730.12322";
        var hash = HMACSHA256.HashData(TestSecrets.Secret, Encoding.ASCII.GetBytes(uid));
        var expected = "2.25." + new BigInteger(hash.AsSpan(0, 16), isUnsigned: true, isBigEndian: true);

        // Act
        var mapped = mapping.MapUid(uid);

        // Assert
        Assert.Equal(expected, mapped);
        Assert.True(DicomUid.IsValid(mapped));
    }

    [Fact]
    public void MapUid_SameInputTwice_SameOutput_OtherSecret_OtherOutput()
    {
        // Arrange
        var first = new KeyedMapping(TestSecrets.Secret);
        var again = new KeyedMapping(TestSecrets.Secret);
        var other = new KeyedMapping(TestSecrets.OtherSecret);

        // Act
        var a = first.MapUid("1.2.3.4");
        var b = again.MapUid("1.2.3.4");
        var c = other.MapUid("1.2.3.4");

        // Assert
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void Pseudonym_DependsOnIssuerAndId()
    {
        // Arrange
        var mapping = new KeyedMapping(TestSecrets.Secret);

        // Act
        var one = mapping.Pseudonym("HYD-", "HOSP", "12345");
        var same = mapping.Pseudonym("HYD-", "HOSP", "12345");
        var otherIssuer = mapping.Pseudonym("HYD-", "CLINIC", "12345");

        // Assert
        Assert.Equal(one, same);
        Assert.NotEqual(one, otherIssuer);
        Assert.Matches("^HYD-[0-9A-HJKMNP-TV-Z]{26}$", one);
    }

    [Fact]
    public void DateOffsetDays_ManyPatients_WithinBoundNeverZeroAndBothSigns()
    {
        // Arrange
        var mapping = new KeyedMapping(TestSecrets.Secret);

        // Act
        var offsets = Enumerable.Range(0, 2000).Select(i => mapping.DateOffsetDays("HOSP", $"P{i}", 365)).ToList();

        // Assert
        Assert.All(offsets, offset => Assert.InRange(Math.Abs(offset), 1, 365));
        Assert.Contains(offsets, offset => offset < 0);
        Assert.Contains(offsets, offset => offset > 0);
        Assert.Equal(mapping.DateOffsetDays("HOSP", "P7", 365), offsets[7]);
    }
}
