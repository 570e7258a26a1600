using Hydra.Access;

namespace Hydra.Bridge.Options;

/// <summary>
/// What patients get (section <c>Bridge:Patients</c>): permissions on their own images' keys, granted at ingest to
/// their pseudonymous <c>patient:</c> principal, and whether they may withdraw research access to a study.
/// </summary>
public sealed class BridgePatientOptions
{
    /// <summary>
    /// Permission letters (as in an ACL rule, e.g. <c>g</c> for GetShare) the patient's own principal gets on the key of
    /// each new image; empty grants patients nothing. Defaults to <c>g</c>.
    /// </summary>
    public string Grant { get; set; } = "g";

    /// <summary>
    /// The Issuer of Patient ID (0010,0021) that the hospital identity provider's <c>patient</c> claim belongs to; empty
    /// (the default) for images that carry no issuer.
    /// </summary>
    public string IssuerOfPatientId { get; set; } = string.Empty;

    /// <summary>Whether a patient may deny <see cref="ResearchPrincipals"/> the keys of one of their studies. Defaults to false.</summary>
    public bool MayWithdraw { get; set; }

    /// <summary>The principals (e.g. <c>fqan:/research</c>) a withdrawal denies GetShare; required when <see cref="MayWithdraw"/>.</summary>
    public List<string> ResearchPrincipals { get; set; } = [];

    /// <summary>The ACL entry the key of an image of <paramref name="patient"/> gets, or null when patients get nothing.</summary>
    public AclEntry? GrantFor(PatientPseudonym patient) =>
        Grant.Length == 0 ? null : AclEntry.ParseRule($"{Principal.ForPatient(patient)}={Grant}");

    /// <summary>Adds a message naming each setting that is not allowed.</summary>
    public void Validate(List<string> failures)
    {
        const string Section = "Bridge:Patients";
        var granted = KeyPermissions.None;
        if (Grant.Length > 0)
        {
            try
            {
                granted = KeyPermissionsText.Parse(Grant);
            }
            catch (FormatException ex)
            {
                failures.Add($"{Section}:Grant '{Grant}' is not a set of permission letters (such as 'g' for GetShare; empty grants nothing): {ex.Message}");
                granted = KeyPermissions.GetShare; // named above; not named again below
            }
        }

        // The nodes let a patient restrict only keys whose ACL gives them GetShare: without it every withdrawal fails.
        if (MayWithdraw && (granted & KeyPermissions.GetShare) == 0)
        {
            failures.Add($"{Section}:Grant must include 'g' (GetShare) when MayWithdraw is true: the keystore nodes let a patient withdraw only from keys they may read.");
        }

        if (IssuerOfPatientId.Contains('\\', StringComparison.Ordinal) || IssuerOfPatientId.Length > 64)
        {
            failures.Add($"{Section}:IssuerOfPatientId must be an LO value: at most 64 characters, no backslash.");
        }

        if (MayWithdraw && ResearchPrincipals.Count == 0)
        {
            failures.Add($"{Section}:ResearchPrincipals must name at least one principal (such as 'fqan:/research') when MayWithdraw is true.");
        }

        foreach (var principal in ResearchPrincipals)
        {
            if (!Principal.TryParse(principal, out _, out var error))
            {
                failures.Add($"{Section}:ResearchPrincipals: '{principal}': {error}");
            }
        }
    }
}
