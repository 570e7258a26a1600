using Hydra.Bridge.Options;

namespace Hydra.Bridge.Tests.Portal;

/// <summary><c>Bridge:Portal</c> is checked only when a port is set, and every mistake is named.</summary>
public sealed class PortalOptionsTests
{
    private static List<string> Failures(BridgePortalOptions options)
    {
        var failures = new List<string>();
        options.Validate(failures);
        return failures;
    }

    [Fact]
    public void NoPort_NoPortal_NothingChecked()
    {
        Assert.Empty(Failures(new BridgePortalOptions { Authority = "ftp://nowhere", SessionMinutes = -1 }));
    }

    [Fact]
    public void LoopbackHttpAuthority_Valid()
    {
        Assert.Empty(Failures(new BridgePortalOptions { Port = 0, Authority = "http://127.0.0.1:4000", ClientId = "portal" }));
    }

    [Fact]
    public void SeveralMistakes_EachNamed()
    {
        // Arrange
        var options = new BridgePortalOptions
        {
            Port = 70000,
            Authority = "http://idp.hospital.example",
            ClientId = " ",
            ClientSecretFile = "/no/such/secret",
            Scopes = "fhirUser launch/patient",
            PatientClaim = string.Empty,
            SessionMinutes = 0,
            SignInPerMinute = 0,
        };

        // Act
        var failures = Failures(options);

        // Assert
        string[] expected =
        [
            "Bridge:Portal:Port 70000", "Bridge:Portal:Authority", "Bridge:Portal:ClientId", "Bridge:Portal:ClientSecretFile",
            "Bridge:Portal:Scopes", "Bridge:Portal:PatientClaim", "Bridge:Portal:SessionMinutes", "Bridge:Portal:SignInPerMinute",
        ];
        Assert.Equal(expected.Length, failures.Count);
        Assert.All(expected, prefix => Assert.Contains(failures, f => f.StartsWith(prefix, StringComparison.Ordinal)));
    }
}
