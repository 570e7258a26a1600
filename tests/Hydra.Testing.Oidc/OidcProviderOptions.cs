namespace Hydra.Testing.Oidc;

/// <summary>A test user of the provider: the devInteractions login form accepts any password for it.</summary>
/// <param name="Id">The login name and the tokens' <c>sub</c>.</param>
/// <param name="Groups">The user's <c>wlcg.groups</c>, e.g. <c>/hospital/radiology</c>.</param>
/// <param name="ExtraClaims">
/// More claims for the user's access tokens (e.g. <c>patient</c>); <c>patient</c> and <c>fhirUser</c> also go into ID
/// tokens when the <c>launch/patient</c> and <c>fhirUser</c> scopes are granted (SMART App Launch v2).
/// </param>
public sealed record OidcAccount(string Id, IReadOnlyList<string> Groups, IReadOnlyDictionary<string, object>? ExtraClaims = null)
{
    /// <summary>Resource scopes never granted to this user, even when asked for (e.g. a patient without <c>patient/ImagingStudy.rs</c>).</summary>
    public IReadOnlyList<string> WithheldScopes { get; init; } = [];
}

/// <summary>How a test's provider is configured; the defaults give one radiology user and a keystore audience.</summary>
public sealed record OidcProviderOptions
{
    public static readonly OidcAccount Radiologist = new("alice", ["/hospital/radiology"]);

    /// <summary>Patient A: the hospital identifier of the bridge's <c>SampleStudy</c> images.</summary>
    public static readonly OidcAccount PatientA = new("patient-a", [], Patient("ZQXHYDRAMARK-MRN"));

    /// <summary>Patient B: another patient, with no images of A's.</summary>
    public static readonly OidcAccount PatientB = new("patient-b", [], Patient("HOSP-B-0002"));

    /// <summary>A clinician (radiology), a practitioner rather than a patient: no <c>patient</c> claim.</summary>
    public static readonly OidcAccount Clinician = new(
        "dr-grey", ["/hospital/radiology"], new Dictionary<string, object> { ["fhirUser"] = "Practitioner/dr-grey" });

    /// <summary>The portal's cast: two patients and a clinician.</summary>
    public static IReadOnlyList<OidcAccount> PortalAccounts { get; } = [PatientA, PatientB, Clinician];

    public IReadOnlyList<OidcAccount> Accounts { get; init; } = [Radiologist];

    /// <summary>The resource (the tokens' <c>aud</c>) when a request names none.</summary>
    public string DefaultResource { get; init; } = "https://keystore.hydra.test";

    /// <summary>Scopes the resource server accepts (WLCG storage and compute scopes are plain strings here).</summary>
    public IReadOnlyList<string> Scopes { get; init; } = ["storage.read:/", "storage.create:/", "compute.create"];

    /// <summary>Access-token lifetime; short so expiry tests need not wait long.</summary>
    public TimeSpan AccessTokenTtl { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>JWS algorithm for access tokens: RS256 or ES256 (the provider holds one key of each).</summary>
    public string SigningAlgorithm { get; init; } = "RS256";

    private static Dictionary<string, object> Patient(string identifier) =>
        new() { ["patient"] = identifier, ["fhirUser"] = $"Patient/{identifier}" };
}
