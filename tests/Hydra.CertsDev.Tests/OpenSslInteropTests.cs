using Hydra.CertsDev.Tests.Support;
using Hydra.Testing.Pki;

namespace Hydra.CertsDev.Tests;

/// <summary>openssl is the acceptance for certificates, CRL and the hashed trust directory.</summary>
[Collection(DevPkiCollection.Name)]
public sealed class OpenSslInteropTests(DevPkiFixture fixture)
{
    private readonly DevPki _pki = fixture.Pki;

    public static TheoryData<string> ValidUsers => [.. DevUserProfile.Cast.Where(u => u.Status == DevUserStatus.Valid).Select(u => u.Name)];

    public static TheoryData<string> Hosts => [.. DevPkiOptions.Default.Hosts];

    [Theory]
    [MemberData(nameof(Hosts))]
    public async Task Verify_HostCertificate_AcceptedWithCrlCheck(string host)
    {
        // Act
        var result = await GridTools.OpenSslAsync("verify", "-CApath", _pki.TrustDirectory, "-crl_check", "-purpose", "sslserver",
            _pki.Host(host).CertificatePath);

        // Assert
        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Contains(": OK", result.StandardOutput, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(ValidUsers))]
    public async Task Verify_UserCertificate_AcceptedWithCrlCheck(string user)
    {
        // Act
        var result = await GridTools.OpenSslAsync("verify", "-CApath", _pki.TrustDirectory, "-crl_check", "-purpose", "sslclient",
            _pki.User(user).CertificatePath);

        // Assert
        Assert.True(result.ExitCode == 0, result.Output);
    }

    [Fact]
    public async Task Verify_AttributeAuthorityCertificate_Accepted()
    {
        var result = await GridTools.OpenSslAsync("verify", "-CApath", _pki.TrustDirectory, "-crl_check", _pki.AttributeAuthority.CertificatePath);

        Assert.True(result.ExitCode == 0, result.Output);
    }

    [Fact]
    public async Task Verify_RevokedUserWithCrlCheck_RejectedAsRevoked()
    {
        // Act
        var withoutCrl = await GridTools.OpenSslAsync("verify", "-CApath", _pki.TrustDirectory, _pki.User(DevUser.Revoked).CertificatePath);
        var withCrl = await GridTools.OpenSslAsync("verify", "-CApath", _pki.TrustDirectory, "-crl_check",
            _pki.User(DevUser.Revoked).CertificatePath);

        // Assert: only the CRL makes the difference
        Assert.True(withoutCrl.ExitCode == 0, withoutCrl.Output);
        Assert.NotEqual(0, withCrl.ExitCode);
        Assert.Contains("certificate revoked", withCrl.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_ExpiredUser_RejectedAsExpired()
    {
        var result = await GridTools.OpenSslAsync("verify", "-CApath", _pki.TrustDirectory, "-crl_check", _pki.User(DevUser.Expired).CertificatePath);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("certificate has expired", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_RogueAttributeAuthority_RejectedAsUntrusted()
    {
        var result = await GridTools.OpenSslAsync("verify", "-CApath", _pki.TrustDirectory, _pki.RogueAttributeAuthority.CertificatePath);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("unable to get local issuer certificate", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TrustDirectory_FileNames_AreOpenSslSubjectHashes()
    {
        // Act
        var hash = await GridTools.OpenSslAsync("x509", "-hash", "-noout", "-in", _pki.CaCertificatePath);
        var crlHash = await GridTools.OpenSslAsync("crl", "-hash", "-noout", "-in", _pki.CrlPath);

        // Assert
        Assert.Equal(hash.StandardOutput.Trim(), _pki.CaHash);
        Assert.Equal(crlHash.StandardOutput.Trim(), _pki.CaHash);
        Assert.True(File.Exists(Path.Combine(_pki.TrustDirectory, _pki.CaHash + ".0")));
        Assert.True(File.Exists(Path.Combine(_pki.TrustDirectory, _pki.CaHash + ".r0")));
    }

    [Fact]
    public async Task UserSubject_InOpenSslCompatForm_EqualsSlashDn()
    {
        var user = _pki.User(DevUser.Reader);

        var result = await GridTools.OpenSslAsync("x509", "-noout", "-subject", "-nameopt", "compat", "-in", user.CertificatePath);

        Assert.Equal("subject=" + user.SubjectDn, result.StandardOutput.Trim());
        Assert.Equal("/DC=org/DC=hydra-dev/O=Hospital/CN=Alice Reader", user.SubjectDn);
    }

    [Fact]
    public async Task HostCertificate_SubjectAltNamesAndUsages_ForTlsBothWays()
    {
        var text = await GridTools.OpenSslAsync("x509", "-noout", "-text", "-in", _pki.Host("node1").CertificatePath);

        Assert.Contains("DNS:node1, DNS:localhost, IP Address:127.0.0.1", text.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("TLS Web Server Authentication, TLS Web Client Authentication", text.StandardOutput, StringComparison.Ordinal);
    }
}
