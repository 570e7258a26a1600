namespace Hydra.CertsDev;

/// <summary>A member of the dev PKI's cast: who they are, and what VOMS says about them.</summary>
/// <param name="Name">The short name the CLI and API use (lower-case letters, digits and '-').</param>
/// <param name="Organisation">The O of the DN.</param>
/// <param name="CommonName">The CN of the DN.</param>
/// <param name="Vo">The VO the user belongs to, or null for none.</param>
/// <param name="Fqans">The FQANs the AA asserts for the user, primary first; empty without a VO.</param>
/// <param name="Role">What the user is for, in words (written to manifest.json).</param>
/// <param name="Status">Whether the certificate is current, revoked or expired.</param>
public sealed record DevUserProfile(
    string Name,
    string Organisation,
    string CommonName,
    string? Vo,
    IReadOnlyList<string> Fqans,
    string Role,
    DevUserStatus Status = DevUserStatus.Valid)
{
    /// <summary>The built-in cast, one user for every rule the keystore enforces.</summary>
    public static IReadOnlyList<DevUserProfile> Cast { get; } =
    [
        new(DevUser.Clinician, "Hospital", "Claire Clinician", "hospital", ["/hospital/radiology/Role=clinician"], "clinician who owns keys"),
        new(DevUser.Reader, "Hospital", "Alice Reader", "hospital", ["/hospital/radiology"], "radiology reader"),
        new(DevUser.Researcher, "Biomed Institute", "Rob Researcher", "biomed", ["/biomed/imaging"], "researcher of another VO"),
        new(DevUser.NoVo, "Hospital", "Nora NoVo", null, [], "user with no VO membership"),
        new(DevUser.Officer, "Hospital", "Oscar Officer", "hospital", ["/hospital/security/Role=officer"], "security officer and auditor"),
        new(DevUser.Admin, "Hospital", "Ada Admin", "hospital", ["/hospital/keystore/Role=admin"], "keystore administrator"),
        new(DevUser.Revoked, "Hospital", "Rex Revoked", "hospital", ["/hospital/radiology"], "revoked user (serial in the CRL)",
            DevUserStatus.Revoked),
        new(DevUser.Expired, "Hospital", "Eve Expired", "hospital", ["/hospital/radiology"], "user whose certificate expired",
            DevUserStatus.Expired),
    ];
}
