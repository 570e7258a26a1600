using Hydra.CertsDev.Tests.Support;
using Hydra.Grid;
using Hydra.Testing;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto.Operators;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;

namespace Hydra.CertsDev.Tests;

/// <summary>Our X509_NAME_hash against openssl's, on names that exercise its canonical encoding.</summary>
public sealed class OpenSslNameHashTests : IDisposable
{
    private static readonly Org.BouncyCastle.Crypto.AsymmetricCipherKeyPair Key = DotNetUtilities.GetRsaKeyPair(
        System.Security.Cryptography.RSA.Create(2048));

    private readonly TempDirectory _directory = new();

    public static TheoryData<string> Names =>
    [
        "/DC=org/DC=hydra-dev/CN=Hydra Dev CA",
        "/DC=org/DC=hydra-dev/O=Hospital/CN=Alice Reader",
        "/C=CH/O=  Mixed   CASE  Org /CN=Tab\tand  Spaces",
        "/O=Hôpital Universitaire/CN=Zoë Ödegaard",
        "/DC=org/emailAddress=Root@Example.ORG/CN=host/node1.example.org",
        "/CN=ÉCOLE",
    ];

    [Theory]
    [MemberData(nameof(Names))]
    public async Task ComputeText_Name_EqualsOpenSslSubjectHash(string slashName)
    {
        // Arrange
        var name = DistinguishedName.Parse(slashName).ToX509Name();
        var path = _directory.Combine(Guid.NewGuid().ToString("N") + ".pem");
        await File.WriteAllTextAsync(path, SelfSigned(name));

        // Act
        var openssl = await GridTools.OpenSslAsync("x509", "-noout", "-subject_hash", "-in", path);

        // Assert
        Assert.True(openssl.ExitCode == 0, openssl.Output);
        Assert.Equal(openssl.StandardOutput.Trim(), OpenSslNameHash.ComputeText(name));
    }

    [Fact]
    public async Task ComputeText_PrintableStringValue_HashedAsCanonicalUtf8()
    {
        // Arrange: PrintableString and UTF8String of the same text hash alike after canonicalisation.
        var printable = X509Name.GetInstance(new DerSequence(new DerSet(new Org.BouncyCastle.Asn1.X500.AttributeTypeAndValue(
            X509Name.CN, new DerPrintableString("Some  Host ")))));
        var path = _directory.Combine("printable.pem");
        await File.WriteAllTextAsync(path, SelfSigned(printable));

        // Act
        var openssl = await GridTools.OpenSslAsync("x509", "-noout", "-subject_hash", "-in", path);

        // Assert
        Assert.Equal(openssl.StandardOutput.Trim(), OpenSslNameHash.ComputeText(printable));
        Assert.Equal(OpenSslNameHash.ComputeText(DistinguishedName.Parse("/CN=some host").ToX509Name()), OpenSslNameHash.ComputeText(printable));
    }

    public void Dispose() => _directory.Dispose();

    private static string SelfSigned(X509Name name)
    {
        var generator = new X509V3CertificateGenerator();
        generator.SetSerialNumber(BigInteger.One);
        generator.SetIssuerDN(name);
        generator.SetSubjectDN(name);
        generator.SetNotBefore(DateTime.UtcNow.AddDays(-1));
        generator.SetNotAfter(DateTime.UtcNow.AddDays(1));
        generator.SetPublicKey(Key.Public);
        var certificate = generator.Generate(new Asn1SignatureFactory("SHA256WITHRSA", Key.Private));
        return System.Security.Cryptography.PemEncoding.WriteString("CERTIFICATE", certificate.GetEncoded());
    }
}
