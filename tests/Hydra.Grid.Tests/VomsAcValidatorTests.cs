using Hydra.CertsDev;
using Hydra.Grid.Tests.Support;
using Hydra.Testing.Pki;

namespace Hydra.Grid.Tests;

/// <summary>AC rules (auth.md §1.5) on ACs made by the dev PKI's own builder.</summary>
[Collection(GridPkiCollection.Name)]
public sealed class VomsAcValidatorTests(DevPkiFixture fixture)
{
    private readonly DevPki _pki = fixture.Pki;
    private readonly GridValidation _grid = new(fixture);

    [Fact]
    public void Validate_ClinicianProxy_YieldsVoFqansAndAuthority()
    {
        // Arrange
        string[] fqans = ["/hospital/radiology/Role=clinician", "/hospital/radiology/Role=NULL/Capability=NULL", "/hospital"];
        var proxy = _pki.CreateProxy(new ProxyRequest { User = DevUser.Clinician, Fqans = fqans });

        // Act
        var (_, voms) = _grid.Validate(proxy.Chain);

        // Assert
        var attributes = Assert.Single(voms.Attributes);
        Assert.Equal("hospital", attributes.Vo);
        Assert.Equal(["/hospital/radiology/Role=clinician", "/hospital/radiology", "/hospital"], attributes.Fqans.Select(f => f.ToString()));
        Assert.Equal("/hospital/radiology/Role=clinician", voms.PrimaryFqan?.ToString());
        Assert.Equal("voms.hydra-dev.org:15000", attributes.PolicyAuthority);
        Assert.Equal(_pki.AttributeAuthority.Subject, attributes.AttributeAuthority);
        Assert.Equal(AcHolderFormat.HolderSubject, attributes.HolderFormat);
        Assert.Empty(attributes.Targets);
        Assert.Empty(voms.Rejected);
    }

    [Fact]
    public void Validate_ResearcherOfOtherVo_Biomed()
    {
        var proxy = _pki.CreateProxy(new ProxyRequest { User = DevUser.Researcher });

        var (_, voms) = _grid.Validate(proxy.Chain);

        Assert.Equal("biomed", Assert.Single(voms.Attributes).Vo);
        Assert.Equal("voms.hydra-dev.org:15001", voms.Attributes[0].PolicyAuthority);
    }

    [Fact]
    public void Validate_ProxyWithoutAc_NoAttributes()
    {
        var proxy = _pki.CreateProxy(new ProxyRequest { User = DevUser.NoVo });

        var (identity, voms) = _grid.Validate(proxy.Chain);

        Assert.Equal(1, identity.ProxyDepth);
        Assert.Empty(voms.Fqans);
        Assert.Null(voms.PrimaryFqan);
    }

    [Fact]
    public void Validate_AcInParentProxy_FoundWalkingUp()
    {
        var parent = _pki.CreateProxy(new ProxyRequest { User = DevUser.Officer });
        var child = _pki.CreateProxy(new ProxyRequest { User = DevUser.Officer, IssueFrom = parent });

        var (_, voms) = _grid.Validate(child.Chain);

        Assert.Equal("/hospital/security/Role=officer", voms.PrimaryFqan?.ToString());
    }

    [Fact]
    public void Validate_NewFormatHolder_Accepted()
    {
        var proxy = _pki.CreateProxy(new ProxyRequest { User = DevUser.Reader, NewFormatHolder = true });

        var (_, voms) = _grid.Validate(proxy.Chain);

        Assert.Equal(AcHolderFormat.HolderIssuer, Assert.Single(voms.Attributes).HolderFormat);
    }

    [Fact]
    public void Validate_AcHeldBySomeoneElse_AcHolderMismatch() =>
        AssertRefused(GridCredentialError.AcHolderMismatch, new ProxyRequest { User = DevUser.Reader, AcHolder = DevUser.Clinician });

    [Fact]
    public void Validate_AcFromRogueAuthority_AcUntrustedIssuer() =>
        AssertRefused(GridCredentialError.AcUntrustedIssuer, new ProxyRequest { User = DevUser.Reader, AcSignedByRogueAuthority = true });

    [Fact]
    public void Validate_ExpiredAc_AcExpired()
    {
        var now = DateTimeOffset.UtcNow;
        AssertRefused(GridCredentialError.AcExpired,
            new ProxyRequest { User = DevUser.Reader, AcNotBefore = now.AddHours(-3), AcNotAfter = now.AddMinutes(-6) });
    }

    [Fact]
    public void Validate_AcExpiredWithinSkew_Accepted()
    {
        var now = DateTimeOffset.UtcNow;
        var proxy = _pki.CreateProxy(new ProxyRequest { User = DevUser.Reader, AcNotBefore = now.AddHours(-3), AcNotAfter = now.AddMinutes(-4) });

        Assert.Single(_grid.Validate(proxy.Chain, now).Voms.Attributes);
    }

    [Fact]
    public void Validate_AcNotYetValid_AcNotYetValid()
    {
        var now = DateTimeOffset.UtcNow;
        AssertRefused(GridCredentialError.AcNotYetValid, new ProxyRequest { User = DevUser.Reader, AcNotBefore = now.AddMinutes(10) });
    }

    [Fact]
    public void Validate_AcTargetedElsewhere_AcTargetMismatch() =>
        AssertRefused(GridCredentialError.AcTargetMismatch, new ProxyRequest { User = DevUser.Reader, AcTargets = ["other.example.org"] });

    [Fact]
    public void Validate_AcTargetedAtThisHost_AcceptedWithTargets()
    {
        // Arrange
        var grid = new GridValidation(fixture, new VomsAcValidatorOptions { LocalHostNames = ["node1.hydra-dev.org"] });
        var proxy = _pki.CreateProxy(new ProxyRequest { User = DevUser.Reader, AcTargets = ["other.example.org", "NODE1.hydra-dev.org"] });

        // Act
        var (_, voms) = grid.Validate(proxy.Chain);

        // Assert
        Assert.Equal(["other.example.org", "NODE1.hydra-dev.org"], Assert.Single(voms.Attributes).Targets);
    }

    [Fact]
    public void Validate_UnknownCriticalAcExtension_Refused() =>
        AssertRefused(GridCredentialError.UnknownCriticalExtension, new ProxyRequest { User = DevUser.Reader, UnknownCriticalAcExtension = true });

    [Fact]
    public void Validate_FqanOutsideVo_AcInvalidFqan()
    {
        var exception = AssertRefused(GridCredentialError.AcInvalidFqan,
            new ProxyRequest { User = DevUser.Reader, Fqans = ["/hospital/radiology", "/biomed/imaging"] });

        Assert.Contains("/biomed/imaging", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_InvalidAcWithLenientOption_ReportedNotThrown()
    {
        // Arrange
        var grid = new GridValidation(fixture, new VomsAcValidatorOptions { FailOnInvalidAc = false });
        var proxy = _pki.CreateProxy(new ProxyRequest { User = DevUser.Reader, AcHolder = DevUser.Admin });

        // Act
        var (identity, voms) = grid.Validate(proxy.Chain);

        // Assert: the identity stands, the AC grants nothing, and the reason is kept
        Assert.Equal(_pki.User(DevUser.Reader).Subject, identity.Subject);
        Assert.Empty(voms.Fqans);
        Assert.Equal(GridCredentialError.AcHolderMismatch, Assert.Single(voms.Rejected).Error);
    }

    [Fact]
    public void Validate_VomsDirWithAaCertificateButNoLsc_Accepted()
    {
        // Arrange: a vomsdir with only the AA certificate (VOMS check_from_certs).
        var vomsdir = fixture.NewScratchFolder();
        Directory.CreateDirectory(Path.Combine(vomsdir, "hospital"));
        File.Copy(_pki.AttributeAuthority.CertificatePath, Path.Combine(vomsdir, "hospital", "aa.pem"));
        var validator = new VomsAcValidator(_grid.TrustStore, VomsTrustStore.Load(vomsdir));
        var proxy = _pki.CreateProxy(new ProxyRequest { User = DevUser.Reader });
        var identity = _grid.Chains.Validate(proxy.Chain, DateTimeOffset.UtcNow);

        // Act
        var voms = validator.Validate(identity, DateTimeOffset.UtcNow);

        // Assert
        Assert.Equal("/hospital/radiology", voms.PrimaryFqan?.ToString());
    }

    [Theory]
    [InlineData("------ NEXT CHAIN ------")]
    [InlineData("------NEXT CHAIN------")]
    public void Validate_LscWithSeveralChains_MatchesTheListedOne(string separator)
    {
        // Arrange: a first chain naming another AA, then ours, in either separator spelling (VOMS C vs Java).
        var vomsdir = fixture.NewScratchFolder();
        Directory.CreateDirectory(Path.Combine(vomsdir, "hospital"));
        File.WriteAllLines(Path.Combine(vomsdir, "hospital", "voms.hydra-dev.org.lsc"),
        [
            "/DC=org/DC=elsewhere/CN=voms.elsewhere.org", "/DC=org/DC=elsewhere/CN=Elsewhere CA", separator,
            _pki.AttributeAuthority.SubjectDn, DistinguishedName.FromX509Name(_pki.CaCertificate.SubjectDN).ToString(),
        ]);
        var validator = new VomsAcValidator(_grid.TrustStore, VomsTrustStore.Load(vomsdir));
        var identity = _grid.Chains.Validate(_pki.CreateProxy(new ProxyRequest { User = DevUser.Admin }).Chain, DateTimeOffset.UtcNow);

        // Act
        var voms = validator.Validate(identity, DateTimeOffset.UtcNow);

        // Assert
        Assert.Equal("/hospital/keystore/Role=admin", voms.PrimaryFqan?.ToString());
    }

    [Fact]
    public void Validate_LscListingAnotherAaOnly_AcUntrustedIssuer()
    {
        var vomsdir = fixture.NewScratchFolder();
        Directory.CreateDirectory(Path.Combine(vomsdir, "hospital"));
        File.WriteAllLines(Path.Combine(vomsdir, "hospital", "voms.hydra-dev.org.lsc"),
            ["/DC=org/DC=elsewhere/CN=voms.elsewhere.org", "/DC=org/DC=elsewhere/CN=Elsewhere CA"]);
        var validator = new VomsAcValidator(_grid.TrustStore, VomsTrustStore.Load(vomsdir));
        var identity = _grid.Chains.Validate(_pki.CreateProxy(new ProxyRequest { User = DevUser.Admin }).Chain, DateTimeOffset.UtcNow);

        var exception = Assert.Throws<GridCredentialException>(() => validator.Validate(identity, DateTimeOffset.UtcNow));

        Assert.Equal(GridCredentialError.AcUntrustedIssuer, exception.Error);
        Assert.Contains(".lsc", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_EmptyVomsDir_AcUntrustedIssuer()
    {
        var validator = new VomsAcValidator(_grid.TrustStore, VomsTrustStore.Load(fixture.NewScratchFolder()));
        var proxy = _pki.CreateProxy(new ProxyRequest { User = DevUser.Reader });
        var identity = _grid.Chains.Validate(proxy.Chain, DateTimeOffset.UtcNow);

        var exception = Assert.Throws<GridCredentialException>(() => validator.Validate(identity, DateTimeOffset.UtcNow));

        Assert.Equal(GridCredentialError.AcUntrustedIssuer, exception.Error);
    }

    [Fact]
    public void Validate_SeparateAcOfAnotherUser_AcHolderMismatch()
    {
        // The keystore may take ACs from request metadata; they must belong to the TLS identity.
        var readerProxy = _pki.CreateProxy(new ProxyRequest { User = DevUser.Reader });
        var adminProxy = _pki.CreateProxy(new ProxyRequest { User = DevUser.Admin });
        var identity = _grid.Chains.Validate(readerProxy.Chain, DateTimeOffset.UtcNow);
        var adminAcs = VomsAttributeCertificates.FromChain(adminProxy.Chain);

        var exception = Assert.Throws<GridCredentialException>(() => _grid.Acs.Validate(adminAcs, identity, DateTimeOffset.UtcNow));

        Assert.Equal(GridCredentialError.AcHolderMismatch, exception.Error);
    }

    private GridCredentialException AssertRefused(GridCredentialError expected, ProxyRequest request)
    {
        var proxy = _pki.CreateProxy(request);
        var identity = _grid.Chains.Validate(proxy.Chain, DateTimeOffset.UtcNow);
        var exception = Assert.Throws<GridCredentialException>(() => _grid.Acs.Validate(identity, DateTimeOffset.UtcNow));
        Assert.True(expected == exception.Error, $"Expected {expected}, got {exception.Error}: {exception.Message}");
        return exception;
    }
}
