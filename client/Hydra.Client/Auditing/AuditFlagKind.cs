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
}
