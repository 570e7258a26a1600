using Hydra.CertsDev.Cli;
using Hydra.CertsDev.Tests.Support;
using Hydra.Grid;
using Hydra.Testing.Pki;

namespace Hydra.CertsDev.Tests.Cli;

[Collection(DevPkiCollection.Name)]
public sealed class CertsCliTests(DevPkiFixture fixture)
{
    [Fact]
    public void Init_NewFolder_WritesPkiAndPrintsOneLinePerGroup()
    {
        // Arrange
        var folder = Path.Combine(fixture.NewScratchFolder(), "pki");

        // Act
        var (code, output, error) = Run("init", "--out", folder);

        // Assert
        Assert.True(code == ExitCodes.Ok, error);
        Assert.True(DevPki.Exists(folder));
        foreach (var group in new[] { "CA ", "trust ", "hosts ", "users ", "VOMS AA ", "vomsdir ", "rogue ", "manifest " })
        {
            Assert.Contains("  " + group, output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Init_ExistingPkiWithoutForce_FailsWithExitCode1()
    {
        var (code, _, error) = Run("init", "--out", fixture.Pki.Folder);

        Assert.Equal(ExitCodes.Failure, code);
        Assert.Contains("--force", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Init_ExistingPkiWithForce_ReplacesIt()
    {
        var folder = fixture.NewScratchFolder();
        Assert.Equal(ExitCodes.Ok, Run("init", "--out", folder).Code);
        var firstCa = DevPki.Load(folder).CaCertificate;

        var (code, _, error) = Run("init", "--out", folder, "--force");

        Assert.True(code == ExitCodes.Ok, error);
        Assert.NotEqual(firstCa, DevPki.Load(folder).CaCertificate);
    }

    [Fact]
    public void Proxy_RequestedFqans_WritesProxyWithThemInOrder()
    {
        // Arrange
        var path = Path.Combine(fixture.NewScratchFolder(), "x509up");

        // Act
        var (code, output, error) = Run("proxy", "--pki", fixture.Pki.Folder, "--user", "reader", "--fqan", "/hospital/radiology",
            "--fqan", "/hospital", "--hours", "2", "--limited", "--path-length", "1", "--out", path);

        // Assert
        Assert.True(code == ExitCodes.Ok, error);
        Assert.Contains("limited proxy of /DC=org/DC=hydra-dev/O=Hospital/CN=Alice Reader", output, StringComparison.Ordinal);
        var (chain, _) = GridCredentialLoader.ReadProxyFile(path);
        Assert.Equal(2, chain.Count);
        var ac = Assert.Single(VomsAttributeCertificates.FromChain(chain));
        Assert.True(ac.NotAfter - ac.NotBefore == TimeSpan.FromHours(2));
    }

    [Theory]
    [InlineData("mallory", "/hospital", "Unknown user 'mallory'")]
    [InlineData("reader", "hospital/radiology", "Bad FQAN")]
    [InlineData("reader", "/biomed/imaging", "Bad FQAN")]
    [InlineData("novo", "/hospital", "has no VO")]
    public void Proxy_BadUserOrFqan_UsageErrorWithExitCode2(string user, string fqan, string expected)
    {
        var (code, _, error) = Run("proxy", "--pki", fixture.Pki.Folder, "--user", user, "--fqan", fqan,
            "--out", Path.Combine(fixture.NewScratchFolder(), "p"));

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Proxy_MissingOut_UsageErrorWithExitCode2()
    {
        var (code, _, error) = Run("proxy", "--pki", fixture.Pki.Folder, "--user", "reader");

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("--out", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Proxy_FolderNotAPki_FailsWithExitCode1()
    {
        var (code, _, error) = Run("proxy", "--pki", fixture.NewScratchFolder(), "--user", "reader", "--out", "/tmp/never-written");

        Assert.Equal(ExitCodes.Failure, code);
        Assert.Contains("not a dev PKI", error, StringComparison.Ordinal);
    }

    [Fact]
    public void List_Pki_PrintsHostsAndUsersWithFqans()
    {
        var (code, output, _) = Run("list", "--pki", fixture.Pki.Folder);

        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("/DC=org/DC=hydra-dev/O=Hospital/CN=Oscar Officer", output, StringComparison.Ordinal);
        Assert.Contains("hospital: /hospital/security/Role=officer", output, StringComparison.Ordinal);
        Assert.Contains("host    node3", output, StringComparison.Ordinal);
    }

    private static (int Code, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = CertsCli.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
