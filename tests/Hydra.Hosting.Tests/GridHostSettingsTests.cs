using Hydra.Testing.Pki;

namespace Hydra.Hosting.Tests;

/// <summary>A service's grid host settings fail start-up with every mistake named under the service's own section.</summary>
public sealed class GridHostSettingsTests : IClassFixture<DevPkiFixture>
{
    private readonly DevPkiFixture _pki;

    public GridHostSettingsTests(DevPkiFixture pki) => _pki = pki;

    private GridHostSettings Valid()
    {
        var host = _pki.Pki.Host("node1");
        return new GridHostSettings(host.CertificatePath, host.KeyPath, _pki.Pki.TrustDirectory, _pki.Pki.VomsDirectory, [], 300);
    }

    [Fact]
    public void Validate_GoodSettings_AddNothing()
    {
        var failures = new List<string>();

        Valid().Validate("Keystore", failures);

        Assert.Empty(failures);
    }

    [Fact]
    public void Validate_EveryMistake_IsNamedWithTheSection()
    {
        var failures = new List<string>();
        var settings = Valid() with
        {
            HostCertificate = string.Empty,
            HostKey = "/nonexistent/hostkey.pem",
            TrustDirectory = string.Empty,
            VomsDirectory = "/nonexistent/vomsdir",
            TrustReloadSeconds = 0,
        };

        settings.Validate("Bridge", failures);

        Assert.Equal(
        [
            "Bridge:HostCertificate is required.",
            "Bridge:HostKey: file '/nonexistent/hostkey.pem' does not exist.",
            "Bridge:TrustDirectory is required.",
            "Bridge:VomsDirectory: folder '/nonexistent/vomsdir' does not exist.",
            "Bridge:TrustReloadSeconds must be between 1 and 86400; 0 was given.",
        ], failures);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void Validate_HostKeyOthersMayRead_IsNamedWithTheChmodThatFixesIt()
    {
        // Arrange: a copy of the host key that the umask left 0644.
        var key = Path.Combine(_pki.NewScratchFolder(), "hostkey.pem");
        File.Copy(Valid().HostKey, key);
        File.SetUnixFileMode(key, (UnixFileMode)Convert.ToInt32("644", 8));
        var failures = new List<string>();

        // Act
        (Valid() with { HostKey = key }).Validate("Keystore", failures);

        // Assert
        Assert.Equal([$"Keystore:HostKey: private key file '{key}' has mode 0644, open to group or others; it must be 0600 or 0400: run chmod 600 '{key}'."], failures);
    }

    [Fact]
    public void Validate_NoVomsDirectory_IsAllowed()
    {
        var failures = new List<string>();

        (Valid() with { VomsDirectory = string.Empty }).Validate("Keystore", failures);

        Assert.Empty(failures);
    }
}
