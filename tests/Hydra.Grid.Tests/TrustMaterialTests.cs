using Hydra.CertsDev;
using Hydra.Grid.Tests.Support;
using Hydra.Testing.Pki;
using Microsoft.Extensions.Time.Testing;

namespace Hydra.Grid.Tests;

/// <summary>
/// <see cref="TrustMaterial"/> reloaded by hand: a new CRL takes effect in the validators already handed out, and a
/// reload that fails changes nothing. The fake clock keeps the timer and the watch's debounce from reloading on their own.
/// </summary>
[Collection(GridPkiCollection.Name)]
public sealed class TrustMaterialTests(DevPkiFixture fixture)
{
    private readonly DevPki _pki = fixture.Pki;
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly ListLogger _logger = new();

    private DateTimeOffset Now => _time.GetUtcNow();

    [Fact]
    public void Reload_CrlRevokingUserAndHost_TheSameValidatorsRefuseThem()
    {
        // Arrange
        var folders = TrustFolders.Copy(fixture);
        using var material = new TrustMaterial(folders.Settings(TimeSpan.FromMinutes(5)), _time, _logger);
        var chains = material.ChainValidator;
        var hosts = material.HostValidator();
        var reader = _pki.User(DevUser.Reader).Certificate;
        var proxy = _pki.CreateProxy(new ProxyRequest { User = DevUser.Reader });
        var node1 = _pki.Host("node1").Certificate;
        Assert.Equal(0, chains.Validate([reader], Now).ProxyDepth);
        Assert.Null(hosts.Check([node1], "localhost"));
        var generation = material.Generation;

        // Act
        _pki.IssueCrl([reader, node1], folders.CrlFile(_pki));
        material.Reload();

        // Assert: same objects, new trust.
        Assert.Equal(generation + 1, material.Generation);
        Assert.Same(chains, material.ChainValidator);
        Assert.Equal(GridCredentialError.Revoked, Assert.Throws<GridCredentialException>(() => chains.Validate([reader], Now)).Error);
        Assert.Equal(GridCredentialError.Revoked, Assert.Throws<GridCredentialException>(() => chains.Validate(proxy.Chain, Now)).Error);
        Assert.Contains("was revoked", hosts.Check([node1], "localhost"), StringComparison.Ordinal);
        Assert.Contains("was revoked", material.HostValidator().Check([node1], "localhost"), StringComparison.Ordinal);
        Assert.Null(hosts.Check([_pki.Host("node2").Certificate], "localhost"));
        Assert.Contains(_logger.Events, e => e.Event.Id == 3101);
    }

    [Fact]
    public void Reload_VoRemovedFromVomsDir_TheSameAcValidatorRefusesItsAcs()
    {
        // Arrange
        var folders = TrustFolders.Copy(fixture);
        using var material = new TrustMaterial(folders.Settings(TimeSpan.FromMinutes(5)), _time, _logger);
        var acs = material.VomsValidator!;
        var identity = material.ChainValidator.Validate(_pki.CreateProxy(new ProxyRequest { User = DevUser.Clinician }).Chain, Now);
        Assert.NotEmpty(acs.Validate(identity, Now).Fqans);

        // Act
        Directory.Delete(Path.Combine(folders.Voms, "hospital"), recursive: true);
        material.Reload();

        // Assert
        Assert.Same(acs, material.VomsValidator);
        Assert.Equal(GridCredentialError.AcUntrustedIssuer,
            Assert.Throws<GridCredentialException>(() => acs.Validate(identity, Now)).Error);
    }

    [Theory]
    [MemberData(nameof(Corruptions))]
    public void Reload_CorruptFile_KeepsThePreviousMaterialAndGeneration(string corruption)
    {
        // Arrange: a CRL revoking the reader arrives together with a damaged file.
        var folders = TrustFolders.Copy(fixture);
        using var material = new TrustMaterial(folders.Settings(TimeSpan.FromMinutes(5)), _time, _logger);
        var reader = _pki.User(DevUser.Reader).Certificate;
        var generation = material.Generation;
        _pki.IssueCrl([reader], folders.CrlFile(_pki));
        var damaged = Corrupt(folders, corruption);

        // Act
        material.Reload();

        // Assert: nothing of the new reading is in force, and the failure was reported.
        Assert.Equal(generation, material.Generation);
        Assert.Equal(0, material.ChainValidator.Validate([reader], Now).ProxyDepth);
        Assert.Contains(_logger.Events, e => e.Event.Id == 3102 && e.Exception is GridCredentialException);

        // Act: the damaged file goes away.
        File.Delete(damaged);
        material.Reload();

        // Assert
        Assert.Equal(generation + 1, material.Generation);
        Assert.Equal(GridCredentialError.Revoked,
            Assert.Throws<GridCredentialException>(() => material.ChainValidator.Validate([reader], Now)).Error);
    }

    [Theory]
    [MemberData(nameof(Corruptions))]
    public void Constructor_CorruptFile_ThrowsGridCredentialException(string corruption)
    {
        // Arrange
        var folders = TrustFolders.Copy(fixture);
        Corrupt(folders, corruption);

        // Act + Assert: the documented exception, whatever the damage.
        Assert.Throws<GridCredentialException>(() => new TrustMaterial(folders.Settings(TimeSpan.FromMinutes(5)), _time, _logger));
    }

    [Fact]
    public void Dispose_StopsThePeriodicReload()
    {
        // Arrange
        var folders = TrustFolders.Copy(fixture);
        var material = new TrustMaterial(folders.Settings(TimeSpan.FromMinutes(5)), _time, _logger);
        _time.Advance(TimeSpan.FromMinutes(5));
        var generation = material.Generation;

        // Act
        material.Dispose();
        _time.Advance(TimeSpan.FromMinutes(15));

        // Assert
        Assert.Equal(1, generation);
        Assert.Equal(generation, material.Generation);
    }

    public static TheoryData<string> Corruptions() =>
    [
        "text-as-certificate",
        "truncated-certificate-pem",
        "crl-der-as-certificate",
        "random-der-as-certificate",
        "random-bytes-as-crl",
        "truncated-crl-der",
        "lsc-with-one-dn",
    ];

    /// <summary>Writes one kind of damaged file into the copied folders and returns its path.</summary>
    private string Corrupt(TrustFolders folders, string corruption)
    {
        var caPem = File.ReadAllText(_pki.CaCertificatePath);
        var crlDer = _pki.Crl.GetEncoded();
        var random = new byte[600];
        new Random(7).NextBytes(random);
        var (path, content) = corruption switch
        {
            "text-as-certificate" => (Certificate(folders), "not a certificate\n"u8.ToArray()),
            "truncated-certificate-pem" => (Certificate(folders), System.Text.Encoding.ASCII.GetBytes(caPem[..(caPem.Length / 2)])),
            "crl-der-as-certificate" => (Certificate(folders), crlDer),
            "random-der-as-certificate" => (Certificate(folders), [0x30, 0x82, 0x02, 0x54, .. random]),
            "random-bytes-as-crl" => (Path.Combine(folders.Trust, _pki.CaHash + ".r1"), random),
            "truncated-crl-der" => (Path.Combine(folders.Trust, _pki.CaHash + ".r1"), crlDer[..(crlDer.Length / 2)]),
            "lsc-with-one-dn" => (Path.Combine(folders.Voms, "hospital", "other.hydra-dev.org.lsc"), "/DC=org/DC=hydra-dev/CN=only\n"u8.ToArray()),
            _ => throw new ArgumentOutOfRangeException(nameof(corruption), corruption, null),
        };
        File.WriteAllBytes(path, content);
        return path;
    }

    private string Certificate(TrustFolders folders) => Path.Combine(folders.Trust, _pki.CaHash + ".1");
}
