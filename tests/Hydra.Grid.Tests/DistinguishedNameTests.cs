using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;

namespace Hydra.Grid.Tests;

public sealed class DistinguishedNameTests
{
    [Theory]
    [InlineData("/DC=org/DC=hydra-dev/O=Hospital/CN=Alice Reader", "CN=Alice Reader,O=Hospital,DC=hydra-dev,DC=org")]
    [InlineData("/DC=org/DC=example/CN=host/node1.example.org", "CN=host/node1.example.org,DC=example,DC=org")]
    [InlineData("/C=CH/O=Acme, Inc./CN=Bob+Alice", "CN=Bob\\+Alice,O=Acme\\, Inc.,C=CH")]
    [InlineData("/O=x/CN= padded ", "CN=\\ padded\\ ,O=x")]
    [InlineData("/CN=#hash", "CN=\\#hash")]
    public void Parse_SlashForm_RoundTripsAndRendersRfc2253(string slash, string rfc2253)
    {
        // Act
        var name = DistinguishedName.Parse(slash);

        // Assert
        Assert.Equal(slash, name.ToString());
        Assert.Equal(rfc2253, name.ToRfc2253String());
        Assert.Equal(name, DistinguishedName.ParseRfc2253(rfc2253));
    }

    [Theory]
    [InlineData("/DC=org/CN=host/node1", 2, "host/node1")]
    [InlineData("/DC=org/CN=a/b/x=y", 2, "a/b/x=y")]
    [InlineData("/DC=org/CN=Zoe/emailAddress=z@example.org", 3, "z@example.org")]
    [InlineData("/DC=org/CN=Zoe/Email=z@example.org", 3, "z@example.org")]
    [InlineData("/DC=org/CN=Zoe/2.5.4.5=1234", 3, "1234")]
    public void Parse_SlashInsideValue_SplitsOnlyBeforeKnownAttribute(string slash, int count, string lastValue)
    {
        var name = DistinguishedName.Parse(slash);

        Assert.Equal(count, name.Attributes.Count);
        Assert.Equal(lastValue, name.Attributes[^1].Value);
    }

    [Theory]
    [InlineData("/DC=org/CN=Zoe/emailAddress=z@x.org", "/DC=org/CN=Zoe/E=z@x.org")]
    [InlineData("/DC=org/CN=Zoe/Email=z@x.org", "/DC=org/CN=Zoe/emailAddress=z@x.org")]
    [InlineData("/DC=org/UID=zoe", "/DC=org/USERID=zoe")]
    [InlineData("/DC=org/CN=Alice  Reader", "/dc=ORG/cn= alice reader ")]
    public void Equals_AliasesCaseAndWhitespace_Equal(string left, string right)
    {
        var a = DistinguishedName.Parse(left);
        var b = DistinguishedName.Parse(right);

        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
    }

    [Theory]
    [InlineData("/DC=org/CN=Alice", "/DC=org/CN=Alicia")]
    [InlineData("/DC=org/CN=Alice", "/CN=Alice/DC=org")]
    [InlineData("/DC=org/CN=Alice", "/DC=org/O=Alice")]
    [InlineData("/DC=org/CN=Alice", "/DC=org/CN=Alice/CN=123")]
    public void Equals_DifferentNames_NotEqual(string left, string right) =>
        Assert.NotEqual(DistinguishedName.Parse(left), DistinguishedName.Parse(right));

    [Theory]
    [InlineData("DC=org/CN=x")]
    [InlineData("/FOO=bar")]
    [InlineData("/CN")]
    public void Parse_Malformed_ThrowsFormatException(string text) =>
        Assert.Throws<FormatException>(() => DistinguishedName.Parse(text));

    [Theory]
    [InlineData("CN=a,,O=b")]
    [InlineData("CN=\"open")]
    [InlineData("XX=1")]
    [InlineData("CN=a,")]
    public void ParseRfc2253_Malformed_ThrowsFormatException(string text) =>
        Assert.Throws<FormatException>(() => DistinguishedName.ParseRfc2253(text));

    [Fact]
    public void ParseRfc2253_QuotedHexAndMultiValued_Parsed()
    {
        var name = DistinguishedName.ParseRfc2253("CN=Z\\C3\\B6e+UID=z1, O=\"Acme, Inc.\" ,DC=org");

        Assert.Equal("/DC=org/O=Acme, Inc./CN=Zöe+UID=z1", name.ToString());
        Assert.True(name.Attributes[^1].ContinuesRdn);
    }

    [Fact]
    public void FromX509Name_BouncyCastleName_KeepsDerOrderAndRoundTrips()
    {
        // Arrange
        var x509 = new X509Name(
            [X509Name.DC, X509Name.DC, X509Name.O, X509Name.CN],
            ["org", "hydra-dev", "Hospital", "Alice Reader"]);

        // Act
        var name = DistinguishedName.FromX509Name(x509);

        // Assert
        Assert.Equal("/DC=org/DC=hydra-dev/O=Hospital/CN=Alice Reader", name.ToString());
        Assert.True(x509.Equivalent(name.ToX509Name(), inOrder: true));
        var firstRdn = (Asn1Set)((Asn1Sequence)name.ToX509Name().ToAsn1Object())[0];
        Assert.IsType<DerIA5String>(Org.BouncyCastle.Asn1.X500.AttributeTypeAndValue.GetInstance(firstRdn[0]).Value);
    }

    [Fact]
    public void IsParentPlusOneCommonName_ProxyNaming_Checked()
    {
        var user = DistinguishedName.Parse("/DC=org/CN=Alice");

        Assert.True(DistinguishedName.Parse("/DC=org/CN=Alice/CN=12345").IsParentPlusOneCommonName(user));
        Assert.False(DistinguishedName.Parse("/DC=org/CN=Alice/O=12345").IsParentPlusOneCommonName(user));
        Assert.False(DistinguishedName.Parse("/DC=org/CN=Alice/CN=1/CN=2").IsParentPlusOneCommonName(user));
        Assert.False(DistinguishedName.Parse("/DC=org/CN=Bob/CN=12345").IsParentPlusOneCommonName(user));
    }

    [Fact]
    public void CommonName_LastCn_Returned() =>
        Assert.Equal("123", DistinguishedName.Parse("/DC=org/CN=Alice/CN=123").CommonName);
}
