using System.Runtime.Versioning;
using Hydra.CertsDev;
using Hydra.Grid.Tests.Support;
using Hydra.Testing.Pki;

namespace Hydra.Grid.Tests;

[Collection(GridPkiCollection.Name)]
[UnsupportedOSPlatform("windows")]
public sealed class GridCredentialLoaderTests(DevPkiFixture fixture)
{
    private readonly DevPki _pki = fixture.Pki;

    [Fact]
    public void Load_UserProxyVariable_ReadsProxyChainAndKey()
    {
        // Arrange
        var proxy = _pki.CreateProxy(new ProxyRequest { User = DevUser.Reader });
        var environment = Environment(("X509_USER_PROXY", proxy.Path), ("X509_CERT_DIR", _pki.TrustDirectory), ("X509_VOMS_DIR", _pki.VomsDirectory));

        // Act
        var credential = GridCredentialLoader.Load(environment, fixture.NewScratchFolder());

        // Assert
        Assert.Equal(GridCredentialSource.UserProxy, credential.Source);
        Assert.Equal(proxy.Chain, credential.Chain);
        Assert.Equal(proxy.PrivateKey, credential.PrivateKey);
        Assert.Equal(_pki.TrustDirectory, credential.CertificateDirectory);
        Assert.Equal(_pki.VomsDirectory, credential.VomsDirectory);
        Assert.DoesNotContain("PRIVATE", credential.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Load_UserCertAndKeyVariables_ReadsThemWithDefaultDirectories()
    {
        var user = _pki.User(DevUser.Officer);

        var credential = GridCredentialLoader.Load(Environment(("X509_USER_CERT", user.CertificatePath), ("X509_USER_KEY", user.KeyPath)), "/nonexistent");

        Assert.Equal(GridCredentialSource.UserCertificate, credential.Source);
        Assert.Equal([user.Certificate], credential.Chain);
        Assert.Equal(GridCredentialLoader.DefaultCertificateDirectory, credential.CertificateDirectory);
        Assert.Equal(GridCredentialLoader.DefaultVomsDirectory, credential.VomsDirectory);
    }

    [Fact]
    public void Load_NothingSet_FallsBackToGlobusDirectory()
    {
        // Arrange
        var home = fixture.NewScratchFolder();
        var user = _pki.User(DevUser.Admin);
        Directory.CreateDirectory(Path.Combine(home, ".globus"));
        File.Copy(user.CertificatePath, Path.Combine(home, ".globus", "usercert.pem"));
        File.Copy(user.KeyPath, Path.Combine(home, ".globus", "userkey.pem"));

        // Act
        var credential = GridCredentialLoader.Load(Environment(), home);

        // Assert
        Assert.Equal(GridCredentialSource.GlobusDirectory, credential.Source);
        Assert.Equal(user.Certificate, credential.Leaf);
    }

    [Fact]
    public void Load_NothingAnywhere_CredentialNotFound()
    {
        var exception = Assert.Throws<GridCredentialException>(() => GridCredentialLoader.Load(Environment(), fixture.NewScratchFolder()));

        Assert.Equal(GridCredentialError.CredentialNotFound, exception.Error);
        Assert.Contains("usercert.pem", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_WorldReadableKey_InsecureKeyFile()
    {
        var user = _pki.User(DevUser.Reader);
        var key = Path.Combine(fixture.NewScratchFolder(), "userkey.pem");
        File.Copy(user.KeyPath, key);
        File.SetUnixFileMode(key, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);

        var exception = Assert.Throws<GridCredentialException>(() =>
            GridCredentialLoader.Load(Environment(("X509_USER_CERT", user.CertificatePath), ("X509_USER_KEY", key)), "/"));

        Assert.Equal(GridCredentialError.InsecureKeyFile, exception.Error);
        Assert.Equal($"The private key file '{key}' has mode 0604, open to group or others; it must be 0600 or 0400: run chmod 600 '{key}'.", exception.Message);
    }

    [Theory]
    [InlineData("640")]
    [InlineData("620")]
    [InlineData("601")]
    public void Load_ProxyOpenToGroupOrOthers_InsecureKeyFile_NamingTheFix(string mode)
    {
        // Arrange: voms-proxy-init writes proxies 0600; a copy made carelessly is refused, as Globus refuses it.
        var proxy = _pki.CreateProxy(new ProxyRequest { User = DevUser.Reader, OutputPath = Path.Combine(fixture.NewScratchFolder(), "x509up_u1000") });
        File.SetUnixFileMode(proxy.Path, (UnixFileMode)Convert.ToInt32(mode, 8));

        // Act
        var exception = Assert.Throws<GridCredentialException>(() => GridCredentialLoader.Load(Environment(("X509_USER_PROXY", proxy.Path)), "/"));

        // Assert
        Assert.Equal(GridCredentialError.InsecureKeyFile, exception.Error);
        Assert.Contains($"'{proxy.Path}' has mode 0{mode}", exception.Message, StringComparison.Ordinal);
        Assert.EndsWith($"run chmod 600 '{proxy.Path}'.", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ProxyReadableByItsOwnerOnly_IsAccepted()
    {
        var proxy = _pki.CreateProxy(new ProxyRequest { User = DevUser.Reader, OutputPath = Path.Combine(fixture.NewScratchFolder(), "x509up_u1000") });
        File.SetUnixFileMode(proxy.Path, UnixFileMode.UserRead);

        var credential = GridCredentialLoader.Load(Environment(("X509_USER_PROXY", proxy.Path)), "/");

        Assert.Equal(proxy.Chain, credential.Chain);
    }

    [Fact]
    public void ReadCertificateAndKey_KeyOfAnotherUser_KeyMismatch()
    {
        var exception = Assert.Throws<GridCredentialException>(() =>
            GridCredentialLoader.ReadCertificateAndKey(_pki.User(DevUser.Reader).CertificatePath, _pki.User(DevUser.Clinician).KeyPath));

        Assert.Equal(GridCredentialError.KeyMismatch, exception.Error);
    }

    [Fact]
    public void ReadProxyFile_CertificateOnlyFile_Malformed()
    {
        var path = Path.Combine(fixture.NewScratchFolder(), "x509up");
        File.Copy(_pki.CaCertificatePath, path);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        var exception = Assert.Throws<GridCredentialException>(() => GridCredentialLoader.ReadProxyFile(path));

        Assert.Equal(GridCredentialError.Malformed, exception.Error);
        Assert.Contains("no private key", exception.Message, StringComparison.Ordinal);
    }

    private static Func<string, string?> Environment(params (string Name, string Value)[] variables)
    {
        var map = variables.ToDictionary(v => v.Name, v => v.Value);
        return name => map.GetValueOrDefault(name);
    }
}
