using Hydra.CertsDev;
using Hydra.Grid.Tests.Support;
using Hydra.Testing.Pki;

namespace Hydra.Grid.Tests;

[Collection(GridPkiCollection.Name)]
public sealed class GridTrustStoreTests(DevPkiFixture fixture)
{
    private readonly DevPki _pki = fixture.Pki;

    [Fact]
    public void Load_DevTrustDirectory_HoldsTheCaOnly()
    {
        var store = GridTrustStore.Load(_pki.TrustDirectory);

        Assert.Equal([_pki.CaCertificate], store.Authorities);
    }

    [Fact]
    public void Validate_AfterCrlNextUpdate_CrlUnavailableByDefault()
    {
        // Arrange
        var chains = new ProxyChainValidator(GridTrustStore.Load(_pki.TrustDirectory));
        var afterNextUpdate = new DateTimeOffset(_pki.Crl.NextUpdate!.Value, TimeSpan.Zero).AddDays(1);

        // Act
        var exception = Assert.Throws<GridCredentialException>(() => chains.Validate([_pki.User(DevUser.Reader).Certificate], afterNextUpdate));

        // Assert
        Assert.Equal(GridCredentialError.CrlUnavailable, exception.Error);
        Assert.Contains("stale", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_StaleCrlAllowedByPolicy_StillHonoursRevocations()
    {
        var store = GridTrustStore.Load(_pki.TrustDirectory, new GridTrustStoreOptions { RejectStaleCrl = false });
        var chains = new ProxyChainValidator(store);
        var afterNextUpdate = new DateTimeOffset(_pki.Crl.NextUpdate!.Value, TimeSpan.Zero).AddDays(1);

        Assert.Equal(0, chains.Validate([_pki.User(DevUser.Reader).Certificate], afterNextUpdate).ProxyDepth);
        Assert.Equal(GridCredentialError.Revoked,
            Assert.Throws<GridCredentialException>(() => chains.Validate([_pki.User(DevUser.Revoked).Certificate], afterNextUpdate)).Error);
    }

    [Fact]
    public void Validate_NoCrlInDirectory_FailsClosedUnlessAllowed()
    {
        // Arrange
        var directory = CopyTrustDirectory(withCrl: false);
        var strict = new ProxyChainValidator(GridTrustStore.Load(directory));
        var lenient = new ProxyChainValidator(GridTrustStore.Load(directory, new GridTrustStoreOptions { RequireCrl = false }));
        var user = _pki.User(DevUser.Revoked).Certificate;

        // Act
        var exception = Assert.Throws<GridCredentialException>(() => strict.Validate([user], DateTimeOffset.UtcNow));

        // Assert: without a CRL the revoked user is unknown as such; the lenient policy lets it through.
        Assert.Equal(GridCredentialError.CrlUnavailable, exception.Error);
        Assert.Equal(0, lenient.Validate([user], DateTimeOffset.UtcNow).ProxyDepth);
    }

    [Fact]
    public void Load_CrlSignedByAnotherKey_Refused()
    {
        // Arrange: a CRL named like the CA's, but issued by the rogue CA.
        var directory = CopyTrustDirectory(withCrl: false);
        var forged = fixture.NewScratchFolder();
        var roguePki = DevPki.Create(forged, new DevPkiOptions { Hosts = [] });
        File.Copy(roguePki.CrlPath, Path.Combine(directory, _pki.CaHash + ".r0"));

        // Act
        var exception = Assert.Throws<GridCredentialException>(() => GridTrustStore.Load(directory));

        // Assert
        Assert.Equal(GridCredentialError.BadSignature, exception.Error);
    }

    [Fact]
    public void Reload_CrlAddedLater_RevocationTakesEffect()
    {
        // Arrange
        var directory = CopyTrustDirectory(withCrl: false);
        var store = GridTrustStore.Load(directory, new GridTrustStoreOptions { RequireCrl = false });
        var chains = new ProxyChainValidator(store);
        var revoked = _pki.User(DevUser.Revoked).Certificate;
        chains.Validate([revoked], DateTimeOffset.UtcNow);

        // Act
        File.Copy(_pki.CrlPath, Path.Combine(directory, _pki.CaHash + ".r0"));
        store.Reload();

        // Assert
        Assert.Equal(GridCredentialError.Revoked, Assert.Throws<GridCredentialException>(() => chains.Validate([revoked], DateTimeOffset.UtcNow)).Error);
    }

    [Fact]
    public void Reload_BrokenFile_KeepsPreviousSnapshot()
    {
        var directory = CopyTrustDirectory(withCrl: true);
        var store = GridTrustStore.Load(directory);
        File.WriteAllText(Path.Combine(directory, "0badc0de.0"), "-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----\n");

        Assert.Throws<GridCredentialException>(store.Reload);
        Assert.Single(store.Authorities);
    }

    [Fact]
    public void Load_MissingDirectory_CredentialNotFound() =>
        Assert.Equal(GridCredentialError.CredentialNotFound,
            Assert.Throws<GridCredentialException>(() => GridTrustStore.Load(Path.Combine(fixture.NewScratchFolder(), "none"))).Error);

    private string CopyTrustDirectory(bool withCrl)
    {
        var directory = fixture.NewScratchFolder();
        File.Copy(Path.Combine(_pki.TrustDirectory, _pki.CaHash + ".0"), Path.Combine(directory, _pki.CaHash + ".0"));
        if (withCrl)
        {
            File.Copy(Path.Combine(_pki.TrustDirectory, _pki.CaHash + ".r0"), Path.Combine(directory, _pki.CaHash + ".r0"));
        }

        return directory;
    }
}
