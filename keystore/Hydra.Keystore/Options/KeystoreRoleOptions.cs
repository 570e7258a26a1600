namespace Hydra.Keystore.Options;

/// <summary>
/// Who holds node-level roles. Each entry is a principal: <c>dn:&lt;slash DN&gt;</c>, <c>fqan:&lt;pattern&gt;</c>,
/// <c>oidc:&lt;issuer&gt;#&lt;subject&gt;</c> or <c>any</c> (where allowed); never a <c>patient:</c> principal.
/// </summary>
public sealed class KeystoreRoleOptions
{
    /// <summary>
    /// Who may register new keys. Empty (the default) lets any authenticated person with a full (not limited) credential
    /// register keys, as gLite Hydra's <c>create_voms_attribute</c> did when unset; a host certificate (a service) only
    /// when named here.
    /// </summary>
    public List<string> Creators { get; set; } = [];

    /// <summary>
    /// Node administrators: they may read and restrict any key's ACL and delete any key, but are never given a
    /// share, and cannot widen access (grant get-share or change an owner). Empty by default.
    /// </summary>
    public List<string> Administrators { get; set; } = [];

    /// <summary>
    /// Delegates (the DICOM bridge): services that may act for a reader by forwarding the reader's certificate chain,
    /// which the node validates in full and judges by the reader's ACL; both are recorded. Empty by default.
    /// </summary>
    public List<string> Delegates { get; set; } = [];

    /// <summary>
    /// Patient delegates (the bridge's patient portal): services trusted to have authenticated a patient, which may
    /// name that patient by pseudonym (<c>hydra-on-behalf-of-patient</c>) to fetch the shares, and read the audit
    /// records, of keys whose ACL grants the patient's <c>patient:</c> principal. Separate from <see cref="Delegates"/>
    /// so a site may let a service act for readers without letting it vouch for patients. Named principals only
    /// (<c>dn:</c>, <c>fqan:</c>, <c>oidc:</c>): never <c>any</c>. Empty by default: no patient calls are accepted.
    /// </summary>
    public List<string> PatientDelegates { get; set; } = [];

    /// <summary>Auditors (security officers): the only callers who may read the audit trail. Empty by default.</summary>
    public List<string> Auditors { get; set; } = [];
}
