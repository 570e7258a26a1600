namespace Hydra.Keystore.Options;

/// <summary>
/// Who holds node-level roles. Each entry is a principal: <c>dn:&lt;slash DN&gt;</c> or <c>fqan:&lt;pattern&gt;</c>.
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

    /// <summary>Auditors (security officers): the only callers who may read the audit trail. Empty by default.</summary>
    public List<string> Auditors { get; set; } = [];
}
