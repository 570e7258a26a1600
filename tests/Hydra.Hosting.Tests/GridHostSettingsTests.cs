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
    public void Validate_NoVomsDirectory_IsAllowed()
    {
        var failures = new List<string>();

        (Valid() with { VomsDirectory = string.Empty }).Validate("Keystore", failures);

        Assert.Empty(failures);
    }
}
