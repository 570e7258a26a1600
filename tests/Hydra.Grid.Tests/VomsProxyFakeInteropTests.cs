using Hydra.CertsDev;
using Hydra.Grid.Tests.Support;
using Hydra.Testing.Pki;
using Org.BouncyCastle.X509;

namespace Hydra.Grid.Tests;

/// <summary>
/// Our validators on credentials made by the real voms-proxy-fake (voms-clients) from dev PKI users and the dev AA:
/// the positive case and the negative matrix of auth.md §2.6.
/// </summary>
[Collection(GridPkiCollection.Name)]
public sealed class VomsProxyFakeInteropTests(DevPkiFixture fixture)
{
    private readonly GridValidation _grid = new(fixture, new VomsAcValidatorOptions { LocalHostNames = ["node1.hydra-dev.org"] });

    [Theory]
    [InlineData(DevUser.Clinician)]
    [InlineData(DevUser.Researcher)]
    [InlineData(DevUser.Admin)]
    public async Task Validate_VomsProxyFakeProxy_SameFqans(string user)
    {
        // Arrange
        var chain = await VomsProxyFake.CreateAsync(fixture, user, VomsProxyFake.VomsArguments(fixture, user));

        // Act
        var (identity, voms) = _grid.Validate(chain);

        // Assert
        var profile = fixture.Pki.User(user).Profile;
        Assert.Equal(fixture.Pki.User(user).Subject, identity.Subject);
        Assert.Equal(1, identity.ProxyDepth);
        Assert.Equal(profile.Fqans, voms.Fqans.Select(f => f.ToString()));
        Assert.Equal(profile.Vo, Assert.Single(voms.Attributes).Vo);
        Assert.Equal(AcHolderFormat.HolderSubject, voms.Attributes[0].HolderFormat);
    }

    [Fact]
    public async Task Validate_LongFormFqansInOrder_NormalisedInOrder()
    {
        var chain = await VomsProxyFake.CreateAsync(fixture, DevUser.Clinician, VomsProxyFake.VomsArguments(fixture, DevUser.Clinician,
            "/hospital/radiology/Role=clinician/Capability=NULL", "/hospital/radiology/Role=NULL/Capability=NULL", "/hospital/Role=NULL/Capability=NULL"));

        var (_, voms) = _grid.Validate(chain);

        Assert.Equal(["/hospital/radiology/Role=clinician", "/hospital/radiology", "/hospital"], voms.Fqans.Select(f => f.ToString()));
    }

    [Fact]
    public async Task Validate_NewFormatHolder_Accepted()
    {
        var chain = await VomsProxyFake.CreateAsync(fixture, DevUser.Reader, [.. VomsProxyFake.VomsArguments(fixture, DevUser.Reader), "-newformat"]);

        var (_, voms) = _grid.Validate(chain);

        Assert.Equal(AcHolderFormat.HolderIssuer, Assert.Single(voms.Attributes).HolderFormat);
        Assert.Equal("/hospital/radiology", voms.PrimaryFqan?.ToString());
    }

    [Fact]
    public async Task Validate_LimitedProxy_IdentityIsLimited()
    {
        var chain = await VomsProxyFake.CreateAsync(fixture, DevUser.Reader, [.. VomsProxyFake.VomsArguments(fixture, DevUser.Reader), "-limited"]);

        Assert.True(_grid.Validate(chain).Identity.IsLimited);
    }

    [Fact]
    public async Task Validate_ExpiredProxy_Expired()
    {
        var chain = await VomsProxyFake.CreateAsync(fixture, DevUser.Reader,
            [.. VomsProxyFake.VomsArguments(fixture, DevUser.Reader), "-hours", "1", "-pastproxy", "2:00"]);

        AssertChainRefused(GridCredentialError.Expired, chain);
    }

    [Fact]
    public async Task Validate_ExpiredAc_AcExpired()
    {
        var chain = await VomsProxyFake.CreateAsync(fixture, DevUser.Reader,
            [.. VomsProxyFake.VomsArguments(fixture, DevUser.Reader), "-vomslife", "1", "-pastac", "2:00"]);

        AssertAcRefused(GridCredentialError.AcExpired, chain);
    }

    [Fact]
    public async Task Validate_AcFromAaNotInVomsDir_AcUntrustedIssuer()
    {
        var chain = await VomsProxyFake.CreateAsync(fixture, DevUser.Reader, VomsProxyFake.VomsArguments(fixture, DevUser.Reader),
            authority: fixture.Pki.RogueAttributeAuthority);

        AssertAcRefused(GridCredentialError.AcUntrustedIssuer, chain);
    }

    [Fact]
    public async Task Validate_AcWhoseHolderIsSomeoneElse_AcHolderMismatch()
    {
        // voms-proxy-fake binds the AC to -cert, so make the AC for the clinician and present it with the reader's proxy.
        var clinicianAcs = await VomsProxyFake.CreateAcAsync(fixture, DevUser.Clinician, VomsProxyFake.VomsArguments(fixture, DevUser.Clinician));
        var readerChain = await VomsProxyFake.CreateAsync(fixture, DevUser.Reader, []);
        var identity = _grid.Chains.Validate(readerChain, DateTimeOffset.UtcNow);

        var exception = Assert.Throws<GridCredentialException>(() => _grid.Acs.Validate(clinicianAcs, identity, DateTimeOffset.UtcNow));

        Assert.Equal(GridCredentialError.AcHolderMismatch, exception.Error);
        Assert.Single(_grid.Acs.Validate(clinicianAcs, _grid.Chains.Validate([fixture.Pki.User(DevUser.Clinician).Certificate],
            DateTimeOffset.UtcNow), DateTimeOffset.UtcNow).Attributes);
    }

    [Fact]
    public async Task Validate_RevokedUser_Revoked()
    {
        var chain = await VomsProxyFake.CreateAsync(fixture, DevUser.Revoked, VomsProxyFake.VomsArguments(fixture, DevUser.Revoked));

        AssertChainRefused(GridCredentialError.Revoked, chain);
    }

    [Fact]
    public async Task Validate_UnknownCriticalProxyExtension_Refused()
    {
        var chain = await VomsProxyFake.CreateAsync(fixture, DevUser.Reader,
            [.. VomsProxyFake.VomsArguments(fixture, DevUser.Reader), "-extension", "1.2.3.4/true:foo"]);

        AssertChainRefused(GridCredentialError.UnknownCriticalExtension, chain);
    }

    [Fact]
    public async Task Validate_UnknownCriticalAcExtension_Refused()
    {
        var chain = await VomsProxyFake.CreateAsync(fixture, DevUser.Reader,
            [.. VomsProxyFake.VomsArguments(fixture, DevUser.Reader), "-acextension", "1.2.3.4/true:foo"]);

        AssertAcRefused(GridCredentialError.UnknownCriticalExtension, chain);
    }

    [Fact]
    public async Task Validate_AcTargetedAtAnotherHost_AcTargetMismatch()
    {
        // voms-proxy-fake 2.1.0~rc3 needs -ga with -target (else it crashes), still crashes on some names, and writes an
        // empty target list (SEQUENCE { SEQUENCE {} }); an AC targeted at nobody is refused like one targeted elsewhere.
        // Matching targets are covered with the dev PKI's builder, which writes VOMS's encoding with real names.
        var chain = await VomsProxyFake.CreateAsync(fixture, DevUser.Reader,
            [.. VomsProxyFake.VomsArguments(fixture, DevUser.Reader), "-target", "x.org", "-ga", "site=elsewhere"]);

        AssertAcRefused(GridCredentialError.AcTargetMismatch, chain);
    }

    [Fact]
    public async Task Validate_FqanOutsideVo_AcInvalidFqan()
    {
        var chain = await VomsProxyFake.CreateAsync(fixture, DevUser.Reader,
            ["-voms", "hospital", "-uri", fixture.Pki.VoAuthorities["hospital"], "-fqan", "/hospital/radiology", "-fqan", "/biomed/imaging"]);

        AssertAcRefused(GridCredentialError.AcInvalidFqan, chain);
    }

    [Theory]
    [InlineData("2", "legacy")]
    [InlineData("3", "GT3 draft")]
    public async Task Validate_DeprecatedProxyTypes_Refused(string proxyVersion, string kind)
    {
        var chain = await VomsProxyFake.CreateAsync(fixture, DevUser.Reader,
            [.. VomsProxyFake.VomsArguments(fixture, DevUser.Reader), "-proxyver", proxyVersion]);

        var exception = AssertChainRefused(GridCredentialError.DeprecatedProxyType, chain);
        Assert.Contains(kind, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_ForgedProxySubject_ProxyNameViolation()
    {
        var chain = await VomsProxyFake.CreateAsync(fixture, DevUser.Reader,
            [.. VomsProxyFake.VomsArguments(fixture, DevUser.Reader), "-newsubject", "/DC=org/DC=hydra-dev/O=Hospital/CN=Claire Clinician/CN=1"]);

        AssertChainRefused(GridCredentialError.ProxyNameViolation, chain);
    }

    private GridCredentialException AssertChainRefused(GridCredentialError expected, IReadOnlyList<X509Certificate> chain)
    {
        var exception = Assert.Throws<GridCredentialException>(() => _grid.Chains.Validate(chain, DateTimeOffset.UtcNow));
        Assert.True(expected == exception.Error, $"Expected {expected}, got {exception.Error}: {exception.Message}");
        return exception;
    }

    private void AssertAcRefused(GridCredentialError expected, IReadOnlyList<X509Certificate> chain)
    {
        var identity = _grid.Chains.Validate(chain, DateTimeOffset.UtcNow);
        var exception = Assert.Throws<GridCredentialException>(() => _grid.Acs.Validate(identity, DateTimeOffset.UtcNow));
        Assert.True(expected == exception.Error, $"Expected {expected}, got {exception.Error}: {exception.Message}");
    }
}
