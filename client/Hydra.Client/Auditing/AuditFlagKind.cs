namespace Hydra.Client.Auditing;

/// <summary>Why an officer should look at some records.</summary>
public enum AuditFlagKind
{
    /// <summary>M or more nodes released shares of one key to one subject within the window: the subject could rebuild it.</summary>
    Reconstruction,

    /// <summary>A delegate (the DICOM bridge) acted on behalf of a reader.</summary>
    DelegatedAccess,

    /// <summary>Nodes refused an operation (credential or permission).</summary>
    Refusal,

    /// <summary>A subject received shares of unusually many keys in one hour.</summary>
    UnusualVolume,

    /// <summary>
    /// Nodes changed the ACLs of keys (allowed <c>SetAcl</c>): who, through which delegate, on which study, and what
    /// changed (a patient's withdrawal of research access shows as a restriction by <c>patient:&lt;pseudonym&gt;</c>).
    /// </summary>
    AclChange,
}
