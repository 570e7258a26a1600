using Hydra.CertsDev;
using Hydra.Grid.Tests.Support;
using Hydra.Testing.Pki;

namespace Hydra.Grid.Tests;

/// <summary>Chain rules (auth.md §2.3) on proxies made by the dev PKI's own builder.</summary>
[Collection(GridPkiCollection.Name)]
public sealed class ProxyChainValidatorTests(DevPkiFixture fixture)
{
    private readonly DevPki _pki = fixture.Pki;
    private readonly GridValidation _grid = new(fixture);

    [Fact]
    public void Validate_ProxyChain_ReturnsEndEntityIdentity()
    {
        // Arrange
        var proxy = _pki.CreateProxy(new ProxyRequest { User = DevUser.Clinician, Lifetime = TimeSpan.FromHours(3) });

        // Act
        var identity = _grid.Chains.Validate(proxy.Chain, DateTimeOffset.UtcNow);

        // Assert
        Assert.Equal(_pki.User(DevUser.Clinician).Subject, identity.Subject);
        Assert.Equal("/DC=org/DC=hydra-dev/CN=Hydra Dev CA", identity.Issuer.ToString());
        Assert.Equal(1, identity.ProxyDepth);
        Assert.False(identity.IsLimited);
        Assert.Equal(_pki.User(DevUser.Clinician).Certificate, identity.EndEntityCertificate);
        Assert.Equal(new DateTimeOffset(proxy.Certificate.NotAfter, TimeSpan.Zero), identity.NotAfter);
        Assert.Equal(proxy.Chain, identity.Chain);
    }

    [Fact]
    public void Validate_PlainUserCertificate_DepthZero()
    {
        var identity = _grid.Chains.Validate([_pki.User(DevUser.Officer).Certificate], DateTimeOffset.UtcNow);

        Assert.Equal(0, identity.ProxyDepth);
        Assert.Equal(_pki.User(DevUser.Officer).Subject, identity.Subject);
    }

    [Fact]
    public void Validate_HostCertificate_DepthZero()
    {
        var identity = _grid.Chains.Validate([_pki.Host("node2").Certificate, _pki.CaCertificate], DateTimeOffset.UtcNow);

        Assert.Equal("/DC=org/DC=hydra-dev/O=Hydra/CN=node2.hydra-dev.org", identity.Subject.ToString());
    }

    [Fact]
    public void Validate_ProxyOfProxy_DepthTwo()
    {
        var first = _pki.CreateProxy(new ProxyRequest { User = DevUser.Reader });
        var second = _pki.CreateProxy(new ProxyRequest { User = DevUser.Reader, IssueFrom = first });

        var identity = _grid.Chains.Validate(second.Chain, DateTimeOffset.UtcNow);

        Assert.Equal(2, identity.ProxyDepth);
    }

    [Fact]
    public void Validate_LimitedProxyOfLimitedProxy_AcceptedAsLimited()
    {
        var limited = _pki.CreateProxy(new ProxyRequest { User = DevUser.Reader, Limited = true });
        var child = _pki.CreateProxy(new ProxyRequest { User = DevUser.Reader, Limited = true, IssueFrom = limited });

        Assert.True(_grid.Chains.Validate(limited.Chain, DateTimeOffset.UtcNow).IsLimited);
        Assert.True(_grid.Chains.Validate(child.Chain, DateTimeOffset.UtcNow).IsLimited);
    }

    [Fact]
    public void Validate_FullProxyOfLimitedProxy_LimitedProxyMisuse()
    {
        var limited = _pki.CreateProxy(new ProxyRequest { User = DevUser.Reader, Limited = true });
        var full = _pki.CreateProxy(new ProxyRequest { User = DevUser.Reader, IssueFrom = limited });

        AssertRefused(GridCredentialError.LimitedProxyMisuse, full.Chain);
    }

    [Fact]
    public void Validate_PathLengthExceeded_Refused()
    {
        var parent = _pki.CreateProxy(new ProxyRequest { User = DevUser.Reader, PathLength = 0 });
        var child = _pki.CreateProxy(new ProxyRequest { User = DevUser.Reader, IssueFrom = parent });

        AssertRefused(GridCredentialError.PathLengthExceeded, child.Chain);
    }

    [Fact]
    public void Validate_PathLengthOne_AllowsOneMoreProxy()
    {
        var parent = _pki.CreateProxy(new ProxyRequest { User = DevUser.Reader, PathLength = 1 });
        var child = _pki.CreateProxy(new ProxyRequest { User = DevUser.Reader, IssueFrom = parent });
        var grandchild = _pki.CreateProxy(new ProxyRequest { User = DevUser.Reader, IssueFrom = child });

        Assert.Equal(2, _grid.Chains.Validate(child.Chain, DateTimeOffset.UtcNow).ProxyDepth);
        AssertRefused(GridCredentialError.PathLengthExceeded, grandchild.Chain);
    }

    [Fact]
    public void Validate_ProxySignedWithWrongKey_BadSignature()
    {
        var proxy = _pki.CreateProxy(new ProxyRequest { User = DevUser.Reader, SignWithWrongKey = true });

        AssertRefused(GridCredentialError.BadSignature, proxy.Chain);
    }

    [Fact]
    public void Validate_UnknownCriticalProxyExtension_Refused()
    {
        var proxy = _pki.CreateProxy(new ProxyRequest { User = DevUser.Reader, UnknownCriticalProxyExtension = true });

        var exception = AssertRefused(GridCredentialError.UnknownCriticalExtension, proxy.Chain);
        Assert.Contains("1.3.6.1.4.1.99999.1", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_RevokedUser_Revoked()
    {
        var proxy = _pki.CreateProxy(new ProxyRequest { User = DevUser.Revoked });

        var exception = AssertRefused(GridCredentialError.Revoked, proxy.Chain);
        Assert.Contains("Rex Revoked", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ExpiredUser_Expired() =>
        AssertRefused(GridCredentialError.Expired, [_pki.User(DevUser.Expired).Certificate]);

    [Fact]
    public void Validate_ExpiredProxy_Expired()
    {
        var now = DateTimeOffset.UtcNow;
        var proxy = _pki.CreateProxy(new ProxyRequest { User = DevUser.Reader, ProxyNotBefore = now.AddHours(-3), ProxyNotAfter = now.AddHours(-1) });

        AssertRefused(GridCredentialError.Expired, proxy.Chain);
    }

    [Fact]
    public void Validate_ProxyNotBeforeWithinGrace_AcceptedBeyondGraceRefused()
    {
        var now = DateTimeOffset.UtcNow;
        var soon = _pki.CreateProxy(new ProxyRequest { User = DevUser.Reader, ProxyNotBefore = now.AddMinutes(3) });
        var later = _pki.CreateProxy(new ProxyRequest { User = DevUser.Reader, ProxyNotBefore = now.AddMinutes(30) });

        Assert.Equal(1, _grid.Chains.Validate(soon.Chain, now).ProxyDepth);
        AssertRefused(GridCredentialError.NotYetValid, later.Chain, now);
    }

    [Fact]
    public void Validate_UserFromUntrustedCa_UntrustedIssuer()
    {
        // The rogue AA certificate is an end-entity certificate issued by the rogue CA.
        AssertRefused(GridCredentialError.UntrustedIssuer, [_pki.RogueAttributeAuthority.Certificate]);
    }

    [Fact]
    public void Validate_OnlyProxies_Malformed()
    {
        var proxy = _pki.CreateProxy(new ProxyRequest { User = DevUser.Reader });

        AssertRefused(GridCredentialError.Malformed, [proxy.Certificate]);
    }

    [Fact]
    public void Validate_ProxyWithWrongIssuerCertificate_ProxyNameViolation()
    {
        var proxy = _pki.CreateProxy(new ProxyRequest { User = DevUser.Reader });

        AssertRefused(GridCredentialError.ProxyNameViolation, [proxy.Certificate, _pki.User(DevUser.Clinician).Certificate]);
    }

    [Fact]
    public void Validate_CaCertificateAsEndEntity_InvalidCertificateUsage() =>
        AssertRefused(GridCredentialError.InvalidCertificateUsage, [_pki.CaCertificate]);

    [Fact]
    public void Validate_EmptyChain_Malformed() => AssertRefused(GridCredentialError.Malformed, []);

    private GridCredentialException AssertRefused(
        GridCredentialError expected, IReadOnlyList<Org.BouncyCastle.X509.X509Certificate> chain, DateTimeOffset? now = null)
    {
        var exception = Assert.Throws<GridCredentialException>(() => _grid.Chains.Validate(chain, now ?? DateTimeOffset.UtcNow));
        Assert.True(expected == exception.Error, $"Expected {expected}, got {exception.Error}: {exception.Message}");
        return exception;
    }

    [Fact]
    public void Validate_HostCertificate_IsAHost_UsersAndTheirProxiesAreNot()
    {
        var proxy = _pki.CreateProxy(new ProxyRequest { User = DevUser.Reader, Lifetime = TimeSpan.FromHours(1) });

        var host = _grid.Chains.Validate([_pki.Host("node1").Certificate], DateTimeOffset.UtcNow);
        var user = _grid.Chains.Validate([_pki.User(DevUser.Reader).Certificate], DateTimeOffset.UtcNow);
        var userProxy = _grid.Chains.Validate(proxy.Chain, DateTimeOffset.UtcNow);

        Assert.True(host.IsHost);
        Assert.False(user.IsHost);
        Assert.False(userProxy.IsHost);
    }
}
