using Hydra.CertsDev.Tests.Support;
using Hydra.Testing;
using Hydra.Testing.Pki;

namespace Hydra.CertsDev.Tests;

/// <summary>voms-proxy-info (VOMS' own C++ validator) is the acceptance for our proxies and ACs.</summary>
[Collection(DevPkiCollection.Name)]
public sealed class VomsProxyInfoInteropTests(DevPkiFixture fixture)
{
    private readonly DevPki _pki = fixture.Pki;

    public static TheoryData<string> UsersWithVo => [.. DevUserProfile.Cast.Where(u => u.Vo is not null && u.Status == DevUserStatus.Valid)
        .Select(u => u.Name)];

    [Theory]
    [MemberData(nameof(UsersWithVo))]
    public async Task VomsProxyInfo_UserProxy_VerifiesAcAndPrintsFqans(string user)
    {
        // Arrange
        var proxy = _pki.CreateProxy(new ProxyRequest { User = user });

        // Act
        var result = await GridTools.VomsProxyInfoAsync(fixture, proxy.Path);

        // Assert
        Assert.True(result.ExitCode == 0, result.Output);
        var profile = _pki.User(user).Profile;
        Assert.Contains($"=== VO {profile.Vo} extension information ===", result.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(profile.Fqans.Select(f => "attribute : " + f), Lines(result, "attribute :"));
        Assert.Contains("identity  : " + _pki.User(user).SubjectDn, result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("uri       : " + _pki.VoAuthorities[profile.Vo!], result.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("Unable to verify", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VomsProxyInfo_RequestedFqans_PrintedInOrder()
    {
        // Arrange
        string[] fqans = ["/hospital/radiology/Role=clinician", "/hospital/radiology", "/hospital"];
        var proxy = _pki.CreateProxy(new ProxyRequest { User = DevUser.Clinician, Fqans = fqans, Lifetime = TimeSpan.FromHours(2) });

        // Act
        var result = await GridTools.VomsProxyInfoAsync(fixture, proxy.Path);

        // Assert
        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Equal(fqans.Select(f => "attribute : " + f), Lines(result, "attribute :"));
        Assert.Contains("type      : RFC compliant proxy", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LimitedProxy_ReadByVomsAndOpenSsl_CarriesGlobusLimitedPolicy()
    {
        // Arrange
        var proxy = _pki.CreateProxy(new ProxyRequest { User = DevUser.Reader, Limited = true });

        // Act
        var info = await GridTools.VomsProxyInfoAsync(fixture, proxy.Path);
        var text = await GridTools.OpenSslAsync("x509", "-noout", "-text", "-in", proxy.Path);

        // Assert: voms-proxy-info 2.1 prints "RFC compliant proxy" for limited RFC proxies too (also for those
        // voms-proxy-fake -limited makes), so the limited policy is read from the certificate itself.
        Assert.True(info.ExitCode == 0, info.Output);
        Assert.Contains("attribute : /hospital/radiology", info.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("Proxy Certificate Information: critical", text.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("Policy Language: 1.3.6.1.4.1.3536.1.1.1.9", text.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenSslVerify_ProxyChainWithAllowProxyCerts_Accepted()
    {
        // Arrange
        var proxy = _pki.CreateProxy(new ProxyRequest { User = DevUser.Officer });

        // Act: the proxy file holds proxy, key, user certificate; openssl takes the user certificate as untrusted chain.
        var result = await GridTools.OpenSslAsync("verify", "-CApath", _pki.TrustDirectory, "-crl_check", "-allow_proxy_certs",
            "-untrusted", _pki.User(DevUser.Officer).CertificatePath, proxy.Path);

        // Assert
        Assert.True(result.ExitCode == 0, result.Output);
    }

    private static string[] Lines(ProcessResult result, string prefix) =>
        [.. result.StandardOutput.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith(prefix, StringComparison.Ordinal))];
}
