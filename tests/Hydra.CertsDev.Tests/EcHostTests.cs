using System.Text.Json;
using Hydra.CertsDev.Cli;
using Hydra.CertsDev.Tests.Support;
using Hydra.Grid;
using Hydra.Testing.Pki;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Asn1.Sec;
using Org.BouncyCastle.Crypto.Parameters;

namespace Hydra.CertsDev.Tests;

/// <summary>Hosts with EC (P-256) keys, signed by the RSA CA, beside the default RSA ones.</summary>
[Collection(DevPkiCollection.Name)]
public sealed class EcHostTests(DevPkiFixture fixture)
{
    private DevPki CreateWithEcNode2() =>
        DevPki.Create(Path.Combine(fixture.NewScratchFolder(), "pki"), new DevPkiOptions { EcHosts = ["node2"] });

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void Create_EcHost_P256KeyInSec1FileAndCertificateSignedByTheCa()
    {
        // Act
        var pki = CreateWithEcNode2();
        var host = pki.Host("node2");

        // Assert
        var key = Assert.IsType<ECPrivateKeyParameters>(host.PrivateKey);
        Assert.Equal(SecObjectIdentifiers.SecP256r1, key.PublicKeyParamSet);
        Assert.IsType<ECPublicKeyParameters>(host.Certificate.GetPublicKey());
        host.Certificate.Verify(pki.CaCertificate.GetPublicKey());
        Assert.Equal(PkcsObjectIdentifiers.Sha256WithRsaEncryption.Id, host.Certificate.SigAlgOid);
        Assert.StartsWith("-----BEGIN EC PRIVATE KEY-----", File.ReadAllText(host.KeyPath), StringComparison.Ordinal);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(host.KeyPath));
        Assert.Equal([true, false, false, false, false, false, false, false, false], host.Certificate.GetKeyUsage());
        Assert.All(pki.Hosts.Where(h => h.Name != "node2"), other => Assert.IsType<RsaPrivateCrtKeyParameters>(other.PrivateKey));
    }

    [Fact]
    public void Load_EcHost_ReadsTheSameKeyAndTheGridLoaderAcceptsIt()
    {
        // Arrange
        var created = CreateWithEcNode2();

        // Act
        var loaded = DevPki.Load(created.Folder).Host("node2");
        var credential = HostCredentials.Load(loaded.CertificatePath, loaded.KeyPath);

        // Assert
        Assert.Equal(((ECPrivateKeyParameters)created.Host("node2").PrivateKey).D, ((ECPrivateKeyParameters)loaded.PrivateKey).D);
        Assert.Equal(loaded.Certificate, credential.Leaf);
        Assert.IsType<ECPrivateKeyParameters>(credential.PrivateKey);
    }

    [Fact]
    public void ReadCertificateAndKey_EcCertificateWithAnotherKey_KeyMismatch()
    {
        // Arrange
        var pki = CreateWithEcNode2();
        var ecHost = pki.Host("node2");
        var otherEc = DevPki.Create(Path.Combine(fixture.NewScratchFolder(), "pki"), new DevPkiOptions { EcHosts = ["node2"] }).Host("node2");

        // Act and assert: another EC key, and an RSA key, are both refused for the EC certificate.
        foreach (var keyPath in new[] { otherEc.KeyPath, pki.Host("node1").KeyPath })
        {
            var exception = Assert.Throws<GridCredentialException>(() => GridCredentialLoader.ReadCertificateAndKey(ecHost.CertificatePath, keyPath));
            Assert.Equal(GridCredentialError.KeyMismatch, exception.Error);
        }
    }

    [Fact]
    public void Manifest_EcHostMarked_RsaHostsAsBefore()
    {
        // Act
        var pki = CreateWithEcNode2();

        // Assert: only the EC host carries keyType, so a default PKI's manifest is what it always was.
        using var document = JsonDocument.Parse(File.ReadAllText(pki.ManifestPath));
        var hosts = document.RootElement.GetProperty("hosts").EnumerateArray().ToDictionary(h => h.GetProperty("name").GetString()!);
        Assert.Equal("ec", hosts["node2"].GetProperty("keyType").GetString());
        Assert.False(hosts["node1"].TryGetProperty("keyType", out _));
        Assert.DoesNotContain("keyType", File.ReadAllText(fixture.Pki.ManifestPath), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenSsl_EcHostCertificateAndKey_VerifiedAsServerAndMatched()
    {
        // Arrange
        var host = CreateWithEcNode2();
        var node2 = host.Host("node2");

        // Act
        var verify = await GridTools.OpenSslAsync("verify", "-CApath", host.TrustDirectory, "-crl_check", "-purpose", "sslserver", node2.CertificatePath);
        var certificate = await GridTools.OpenSslAsync("x509", "-noout", "-text", "-in", node2.CertificatePath);
        var key = await GridTools.OpenSslAsync("pkey", "-in", node2.KeyPath, "-check", "-noout");

        // Assert
        Assert.True(verify.ExitCode == 0, verify.Output);
        Assert.Contains("id-ecPublicKey", certificate.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("prime256v1", certificate.StandardOutput, StringComparison.Ordinal);
        Assert.True(key.ExitCode == 0, key.Output);
    }

    [Fact]
    public void Create_EcHostNotAmongTheHosts_Refused()
    {
        var exception = Assert.Throws<ArgumentException>(() =>
            DevPki.Create(fixture.NewScratchFolder(), new DevPkiOptions { EcHosts = ["node9"] }));

        Assert.Contains("node9", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Cli_InitWithEcHost_WritesThatHostWithAnEcKey()
    {
        // Arrange
        var folder = Path.Combine(fixture.NewScratchFolder(), "pki");
        using var output = new StringWriter();
        using var error = new StringWriter();

        // Act
        var code = CertsCli.Run(["init", "--out", folder, "--ec-host", "bridge"], output, error);

        // Assert
        Assert.True(code == ExitCodes.Ok, error.ToString());
        Assert.IsType<ECPrivateKeyParameters>(DevPki.Load(folder).Host("bridge").PrivateKey);
        Assert.Contains("(EC P-256: bridge)", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Cli_InitWithUnknownEcHost_UsageError()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = CertsCli.Run(["init", "--out", Path.Combine(fixture.NewScratchFolder(), "pki"), "--ec-host", "node9"], output, error);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("node9", error.ToString(), StringComparison.Ordinal);
    }
}
