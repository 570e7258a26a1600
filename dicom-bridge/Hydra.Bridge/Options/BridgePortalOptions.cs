using System.Net;

namespace Hydra.Bridge.Options;

/// <summary>
/// The patient portal (section <c>Bridge:Portal</c>): a second HTTPS listener with ordinary TLS where patients sign in
/// at the hospital's OpenID provider and see their own studies and who opened them, and clinicians (with
/// <see cref="KeystoreResource"/>) see the studies their groups may read. No <see cref="Port"/>: no portal.
/// </summary>
public sealed class BridgePortalOptions
{
    /// <summary>HTTPS port of the portal on <c>Bridge:ListenAddress</c>; 0 picks a free one; null (the default): no portal.</summary>
    public int? Port { get; set; }

    /// <summary>
    /// The hospital OpenID provider's issuer URL, the only one trusted: https, or http on a loopback address (tests).
    /// </summary>
    public string Authority { get; set; } = string.Empty;

    /// <summary>The portal's client id at that provider.</summary>
    public string ClientId { get; set; } = string.Empty;

    /// <summary>A file holding the client secret; empty (the default): a public client proving the code with PKCE alone.</summary>
    public string ClientSecretFile { get; set; } = string.Empty;

    /// <summary>Scopes asked for (SMART App Launch v2 style). Defaults to <c>openid fhirUser launch/patient patient/ImagingStudy.rs</c>.</summary>
    public string Scopes { get; set; } = "openid fhirUser launch/patient patient/ImagingStudy.rs";

    /// <summary>The ID token claim (or token response parameter) naming the hospital's patient identifier. Defaults to <c>patient</c>.</summary>
    public string PatientClaim { get; set; } = "patient";

    /// <summary>
    /// The scope a patient's grant must hold (the token response's <c>scope</c>); without it the sign-in is refused.
    /// Defaults to <c>patient/ImagingStudy.rs</c> (SMART v2: read and search the patient's imaging studies).
    /// </summary>
    public string PatientScope { get; set; } = "patient/ImagingStudy.rs";

    /// <summary>
    /// The resource (RFC 8707 resource indicator) the portal asks an access token for: an audience the keystore nodes
    /// and <c>Bridge:Tokens</c> accept. A clinician (an account naming no patient) is then signed in with that token,
    /// validated as the reader endpoint validates bearer tokens. Empty (the default): clinicians cannot sign in.
    /// </summary>
    public string KeystoreResource { get; set; } = string.Empty;

    /// <summary>Minutes a session lasts from sign-in (not extended by use). Defaults to 15.</summary>
    public int SessionMinutes { get; set; } = 15;

    /// <summary>Sign-in starts and callbacks allowed per client address per minute; more get 429. Defaults to 10.</summary>
    public int SignInPerMinute { get; set; } = 10;

    /// <summary>Whether the portal is on.</summary>
    public bool Enabled => Port is not null;

    /// <summary>Whether clinicians may sign in (a portal with a <see cref="KeystoreResource"/>).</summary>
    public bool ReadersSignIn => Enabled && KeystoreResource.Length > 0;

    internal void Validate(List<string> failures)
    {
        const string Section = "Bridge:Portal";
        if (!Enabled)
        {
            return;
        }

        if (Port is < 0 or > 65535)
        {
            failures.Add($"{Section}:Port {Port} is outside 0-65535.");
        }

        if (!Uri.TryCreate(Authority, UriKind.Absolute, out var authority)
            || !(authority.Scheme == Uri.UriSchemeHttps || (authority.Scheme == Uri.UriSchemeHttp && IsLoopback(authority))))
        {
            failures.Add($"{Section}:Authority must be the provider's issuer URL, https (http only on a loopback address, for tests); got '{Authority}'.");
        }

        if (string.IsNullOrWhiteSpace(ClientId))
        {
            failures.Add($"{Section}:ClientId is required.");
        }

        if (ClientSecretFile.Length > 0 && !File.Exists(ClientSecretFile))
        {
            failures.Add($"{Section}:ClientSecretFile: file '{ClientSecretFile}' does not exist.");
        }

        // openid: the patient is read from the ID token; the patient scope: a grant is checked for it, so it is asked for.
        var missing = new[] { "openid", PatientScope }.Where(s => !string.IsNullOrWhiteSpace(s) && !ScopeList().Contains(s, StringComparer.Ordinal)).ToList();
        if (missing.Count > 0)
        {
            failures.Add($"{Section}:Scopes must include openid and the PatientScope; missing: {string.Join(' ', missing)}.");
        }

        if (string.IsNullOrWhiteSpace(PatientClaim))
        {
            failures.Add($"{Section}:PatientClaim is required.");
        }

        if (string.IsNullOrWhiteSpace(PatientScope) || PatientScope.Contains(' ', StringComparison.Ordinal))
        {
            failures.Add($"{Section}:PatientScope must be one scope (no spaces).");
        }

        if (KeystoreResource.Length > 0
            && (!Uri.TryCreate(KeystoreResource, UriKind.Absolute, out var resource) || resource.Fragment.Length > 0
                || !KeystoreResource.StartsWith(resource.Scheme + ":", StringComparison.OrdinalIgnoreCase)))
        {
            // RFC 8707 section 2: an absolute URI without a fragment (and written with its scheme: "/x" is no resource).
            failures.Add($"{Section}:KeystoreResource must be an absolute URI without a fragment (RFC 8707); got '{KeystoreResource}'.");
        }

        if (SessionMinutes is < 1 or > 720)
        {
            failures.Add($"{Section}:SessionMinutes must be 1-720.");
        }

        if (SignInPerMinute is < 1 or > 10_000)
        {
            failures.Add($"{Section}:SignInPerMinute must be 1-10000.");
        }
    }

    internal IReadOnlyList<string> ScopeList() => Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    private static bool IsLoopback(Uri uri) =>
        uri.IsLoopback && (uri.Host == "localhost" || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address)));
}
