using System.Net;
using Hydra.Testing;
using Hydra.Testing.Oidc;

namespace Hydra.Bridge.Tests.Portal;

/// <summary>
/// Sign-in and session of the portal against a real bridge and real OpenID providers (patient records: the
/// <see cref="FixedPatientRecords"/> test double): cookie flags, tampering, injected codes of another client or another
/// provider, an account that names no patient, logout with and without its antiforgery token.
/// </summary>
[Collection(PortalWebFixture.Collection)]
public sealed class PortalSignInTests
{
    private readonly PortalWebFixture _fixture;

    public PortalSignInTests(PortalWebFixture fixture) => _fixture = fixture;

    [Fact]
    public async Task SessionCookie_HostPrefixedHttpOnlySecureLax_HoldsNoIdentifier()
    {
        // Arrange
        using var client = _fixture.Client();

        // Act
        using var callback = await client.SignInAsync(OidcProviderOptions.PatientA);

        // Assert
        var session = Assert.Single(callback.Headers.GetValues("Set-Cookie"), c => c.StartsWith("__Host-hydra-session=", StringComparison.Ordinal));
        var attributes = session.ToLowerInvariant();
        Assert.Contains("; path=/", attributes, StringComparison.Ordinal);
        Assert.Contains("; secure", attributes, StringComparison.Ordinal);
        Assert.Contains("; httponly", attributes, StringComparison.Ordinal);
        Assert.Contains("; samesite=lax", attributes, StringComparison.Ordinal);
        Assert.DoesNotContain("domain=", attributes, StringComparison.Ordinal);
        Assert.DoesNotContain("expires=", attributes, StringComparison.Ordinal);
        Assert.DoesNotContain("ZQXHYDRAMARK", session, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TamperedCookie_SignedOut()
    {
        // Arrange
        using var client = await _fixture.SignedInAsync(OidcProviderOptions.PatientA);
        var value = client.SessionCookie!;
        var flipped = value[..20] + (value[20] == 'A' ? 'B' : 'A') + value[21..];
        client.Cookies.Add(client.BaseAddress, new Cookie("__Host-hydra-session", flipped, "/") { Secure = true });

        // Act
        var (home, page) = await client.GetAsync("/");
        var (study, _) = await client.GetAsync($"/studies/{FixedPatientRecords.StudyA}");

        // Assert
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Contains("href=\"/signin\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain(FixedPatientRecords.StudyA, page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, study.StatusCode);
    }

    [Fact]
    public async Task CodeForAnotherClient_Refused_NoSession()
    {
        // Arrange: a genuine sign-in stopped at the callback, and a code the same provider issued to another client.
        using var client = _fixture.Client();
        var callback = await client.CallbackAsync(OidcProviderOptions.PatientA);
        var (code, issuer) = await client.ForeignCodeAsync(_fixture.Provider, OidcClients.OtherPortalId, OidcProviderOptions.PatientA);

        // Act: the other client's code rides in on the portal's own state.
        using var injected = await client.Http.GetAsync(PortalClient.Inject(callback, code, issuer)).DefaultTimeout();
        var (home, page) = await client.GetAsync("/");

        // Assert
        Assert.Equal(HttpStatusCode.Forbidden, injected.StatusCode);
        Assert.Null(client.SessionCookie);
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Contains("href=\"/signin\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UntrustedProviderNamingPatientA_Refused_NoSession()
    {
        // Arrange: a genuine sign-in stopped at the callback, and a code of another provider whose account claims A.
        using var client = _fixture.Client();
        var callback = await client.CallbackAsync(OidcProviderOptions.PatientB);
        var (code, issuer) = await client.ForeignCodeAsync(_fixture.Untrusted, OidcClients.PortalId, PortalWebFixture.Impostor);

        // Act
        using var injected = await client.Http.GetAsync(PortalClient.Inject(callback, code, issuer)).DefaultTimeout();
        var (_, page) = await client.GetAsync("/");

        // Assert
        Assert.Equal(HttpStatusCode.Forbidden, injected.StatusCode);
        Assert.Null(client.SessionCookie);
        Assert.DoesNotContain(FixedPatientRecords.StudyA, page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AccountWithoutPatientClaim_ClearRefusal()
    {
        // Arrange
        using var client = _fixture.Client();

        // Act
        using var callback = await client.SignInAsync(OidcProviderOptions.Clinician);
        var page = await callback.Content.ReadAsStringAsync();

        // Assert
        Assert.Equal(HttpStatusCode.Forbidden, callback.StatusCode);
        Assert.Contains("does not name you as a patient", page, StringComparison.Ordinal);
        Assert.Null(client.SessionCookie);
    }

    [Fact]
    public async Task Logout_WithoutAntiforgery_RefusedSessionLives_WithIt_EndsSessionForReplayedCookie()
    {
        // Arrange
        using var client = await _fixture.SignedInAsync(OidcProviderOptions.PatientB);
        var (_, home) = await client.GetAsync("/");
        var oldCookie = client.SessionCookie!;

        // Act
        using var forged = await client.PostFormAsync("/logout", new Dictionary<string, string>());
        var (_, stillIn) = await client.GetAsync("/");
        using var logout = await client.PostFormAsync("/logout", new Dictionary<string, string> { ["__antiforgery"] = PortalClient.FormToken(home) });
        using var replay = _fixture.Client();
        replay.Cookies.Add(replay.BaseAddress, new Cookie("__Host-hydra-session", oldCookie, "/") { Secure = true });
        var (_, replayed) = await replay.GetAsync("/");

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Contains(FixedPatientRecords.StudyB, stillIn, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        Assert.StartsWith(_fixture.Provider.IssuerText, logout.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Contains("href=\"/signin\"", replayed, StringComparison.Ordinal);
        Assert.DoesNotContain(FixedPatientRecords.StudyB, replayed, StringComparison.Ordinal);
    }
}
