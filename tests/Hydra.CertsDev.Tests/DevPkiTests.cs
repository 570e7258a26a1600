using System.Text.Json;
using Hydra.CertsDev.Tests.Support;
using Hydra.Grid;
using Hydra.Testing.Pki;
using Microsoft.Extensions.Time.Testing;

namespace Hydra.CertsDev.Tests;

[Collection(DevPkiCollection.Name)]
public sealed class DevPkiTests(DevPkiFixture fixture)
{
    private readonly DevPki _pki = fixture.Pki;

    [Fact]
    public void Create_DefaultOptions_IssuesTheWholeCast()
    {
        Assert.Equal(["clinician", "reader", "researcher", "novo", "officer", "admin", "revoked", "expired"], _pki.Users.Select(u => u.Name));
        Assert.Equal(["node1", "node2", "node3", "bridge"], _pki.Hosts.Select(h => h.Name));
        Assert.Equal("/DC=org/DC=hydra-dev/O=Hospital/CN=Claire Clinician", _pki.User(DevUser.Clinician).SubjectDn);
        Assert.Equal("/DC=org/DC=hydra-dev/CN=Hydra Dev CA", DistinguishedName.FromX509Name(_pki.CaCertificate.SubjectDN).ToString());
    }

    [Fact]
    public void Crl_ListsOnlyTheRevokedUser()
    {
        foreach (var user in _pki.Users)
        {
            var listed = _pki.Crl.GetRevokedCertificate(user.Certificate.SerialNumber) is not null;
            Assert.Equal(user.Name == DevUser.Revoked, listed);
        }
    }

    [Fact]
    public void ExpiredUser_NotAfter_InThePast()
    {
        Assert.True(_pki.User(DevUser.Expired).Certificate.NotAfter < DateTime.UtcNow);
        Assert.True(_pki.User(DevUser.Reader).Certificate.NotAfter > DateTime.UtcNow.AddDays(300));
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void Files_KeysPrivateAndCertificatesPublic()
    {
        var user = _pki.User(DevUser.Reader);
        var proxy = _pki.CreateProxy(new ProxyRequest { User = DevUser.Reader });

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(user.KeyPath));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(proxy.Path));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
            File.GetUnixFileMode(user.CertificatePath));
        Assert.StartsWith("-----BEGIN RSA PRIVATE KEY-----", File.ReadAllText(user.KeyPath), StringComparison.Ordinal);

        // Every private key (CA, AA, hosts, users, rogues), which the services refuse to load when others may read it.
        var keys = Directory.GetFiles(_pki.Folder, "*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".key", StringComparison.Ordinal) || f.EndsWith("key.pem", StringComparison.Ordinal)).ToList();
        Assert.Equal(_pki.Users.Count + _pki.Hosts.Count + 4, keys.Count);
        Assert.All(keys, key => Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(key)));
    }

    [Fact]
    public void Manifest_DescribesUsersVosAndFqans()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(_pki.ManifestPath));
        var users = document.RootElement.GetProperty("users").EnumerateArray().ToDictionary(u => u.GetProperty("name").GetString()!);

        Assert.Equal("/hospital/security/Role=officer", users["officer"].GetProperty("fqans")[0].GetString());
        Assert.Equal("biomed", users["researcher"].GetProperty("vo").GetString());
        Assert.Equal(JsonValueKind.Null, users["novo"].GetProperty("vo").ValueKind);
        Assert.Equal("revoked", users["revoked"].GetProperty("status").GetString());
        Assert.Equal("voms.hydra-dev.org:15001",
            document.RootElement.GetProperty("attributeAuthority").GetProperty("vos").EnumerateArray()
                .Single(v => v.GetProperty("vo").GetString() == "biomed").GetProperty("uri").GetString());
    }

    [Fact]
    public void Load_ExistingFolder_ReadsTheSamePki()
    {
        var loaded = DevPki.Load(_pki.Folder);

        Assert.Equal(_pki.CaCertificate, loaded.CaCertificate);
        Assert.Equal(_pki.Users.Select(u => u.SubjectDn), loaded.Users.Select(u => u.SubjectDn));
        Assert.Equal(_pki.Host("node2").Certificate, loaded.Host("node2").Certificate);
        Assert.Equal(_pki.User(DevUser.Admin).Profile.Fqans, loaded.User(DevUser.Admin).Profile.Fqans);
    }

    [Fact]
    public void User_UnknownName_ThrowsNamingTheCast()
    {
        var exception = Assert.Throws<DevPkiException>(() => _pki.User("mallory"));

        Assert.Contains("mallory", exception.Message, StringComparison.Ordinal);
        Assert.Contains("clinician", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateProxy_ProxyOfProxy_ChainsBothProxiesAndTheUser()
    {
        var first = _pki.CreateProxy(new ProxyRequest { User = DevUser.Clinician });

        var second = _pki.CreateProxy(new ProxyRequest { User = DevUser.Clinician, IssueFrom = first });

        Assert.Equal(3, second.Chain.Count);
        Assert.Equal(first.Certificate, second.Chain[1]);
        Assert.Null(second.Vo);
        Assert.Equal(second.Certificate.IssuerDN, first.Certificate.SubjectDN);
    }

    [Fact]
    public void Create_ExistingPkiWithoutForce_Refuses()
    {
        var exception = Assert.Throws<DevPkiException>(() => DevPki.Create(_pki.Folder));

        Assert.Contains("--force", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_FolderWithoutManifest_ThrowsNotAPki()
    {
        var exception = Assert.Throws<DevPkiException>(() => DevPki.Load(fixture.NewScratchFolder()));

        Assert.Contains("not a dev PKI", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_FakeClockAndExtraUser_DatesFollowTheClock()
    {
        // Arrange
        var clock = new FakeTimeProvider(new DateTimeOffset(2031, 5, 6, 7, 8, 9, TimeSpan.Zero));
        var options = new DevPkiOptions
        {
            Hosts = ["solo"],
            ExtraUsers = [new DevUserProfile("dora", "Clinic", "Dora Extra", "hospital", ["/hospital/oncology"], "extra user")],
        };

        // Act
        var pki = DevPki.Create(fixture.NewScratchFolder(), options, clock);

        // Assert
        Assert.Equal(new DateTime(2031, 5, 6, 6, 8, 9, DateTimeKind.Utc), pki.User("dora").Certificate.NotBefore);
        Assert.Equal(new DateTime(2032, 5, 5, 7, 8, 9, DateTimeKind.Utc), pki.User("dora").Certificate.NotAfter);
        Assert.Equal("/DC=org/DC=hydra-dev/O=Clinic/CN=Dora Extra", pki.User("dora").SubjectDn);
        Assert.Single(pki.Hosts);
    }

    [Fact]
    public void Create_ExtraUserWithFqanOutsideVo_Refused()
    {
        var options = new DevPkiOptions { ExtraUsers = [new DevUserProfile("eve2", "X", "Eve", "hospital", ["/biomed/x"], "bad")] };

        Assert.Throws<ArgumentException>(() => DevPki.Create(fixture.NewScratchFolder(), options));
    }
}
