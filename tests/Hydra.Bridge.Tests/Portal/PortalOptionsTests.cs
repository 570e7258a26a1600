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

    [Fact]
    public void ClinicianAndPatientScopeMistakes_EachNamed()
    {
        // Arrange
        BridgePortalOptions Portal(string scopes, string patientScope, string resource) =>
            new() { Port = 0, Authority = "http://127.0.0.1:4000", ClientId = "portal", Scopes = scopes, PatientScope = patientScope, KeystoreResource = resource };

        // Act
        var notAsked = Failures(Portal("openid fhirUser", "patient/ImagingStudy.rs", "https://cluster.hydra.test"));
        var twoScopes = Failures(Portal("openid a b", "a b", "urn:hydra:cluster:hospital"));
        var relative = Failures(Portal("openid patient/ImagingStudy.rs", "patient/ImagingStudy.rs", "/cluster"));
        var fragment = Failures(Portal("openid patient/ImagingStudy.rs", "patient/ImagingStudy.rs", "https://cluster.hydra.test/#nodes"));

        // Assert
        Assert.Equal("Bridge:Portal:Scopes must include openid and the PatientScope; missing: patient/ImagingStudy.rs.", Assert.Single(notAsked));
        Assert.Contains(twoScopes, f => f.StartsWith("Bridge:Portal:PatientScope must be one scope", StringComparison.Ordinal));
        Assert.StartsWith("Bridge:Portal:KeystoreResource must be an absolute URI", Assert.Single(relative), StringComparison.Ordinal);
        Assert.StartsWith("Bridge:Portal:KeystoreResource must be an absolute URI", Assert.Single(fragment), StringComparison.Ordinal);
        Assert.True(Portal("openid patient/ImagingStudy.rs", "patient/ImagingStudy.rs", "urn:hydra:cluster:hospital").ReadersSignIn);
        Assert.False(Portal("openid patient/ImagingStudy.rs", "patient/ImagingStudy.rs", string.Empty).ReadersSignIn);
    }

    [Fact]
    public void KeystoreResourceWithoutTokenIssuer_Named()
    {
        // Arrange: everything else may be wrong too; only this failure is looked for.
        var options = new BridgeOptions
        {
            Portal = new BridgePortalOptions { Port = 0, Authority = "http://127.0.0.1:4000", ClientId = "portal", KeystoreResource = "https://cluster.hydra.test" },
        };

        // Act
        var withoutIssuer = new BridgeOptionsValidator().Validate(null, options).Failures ?? [];
        options.Tokens.Issuers.Add(new Hydra.Hosting.TokenIssuerSettings { Issuer = "https://idp.hospital.example/", Audiences = ["https://cluster.hydra.test"] });
        var withIssuer = new BridgeOptionsValidator().Validate(null, options).Failures ?? [];

        // Assert
        Assert.Contains(withoutIssuer, f => f.StartsWith("Bridge:Portal:KeystoreResource needs a Bridge:Tokens issuer", StringComparison.Ordinal));
        Assert.DoesNotContain(withIssuer, f => f.StartsWith("Bridge:Portal:KeystoreResource", StringComparison.Ordinal));
    }
}
