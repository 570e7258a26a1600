namespace Hydra.Bridge.Options;

/// <summary>What the bridge does with images from one sending AE title.</summary>
public sealed class BridgeSourceOptions
{
    /// <summary>ACL entries (<c>PRINCIPAL=PERMS</c>) for this sender's images; empty falls back to the default ACL.</summary>
    public List<string> Acl { get; set; } = [];

    /// <summary>
    /// PS3.15 options (names of <c>ConfidentialityOptions</c>, e.g. <c>RetainPatientCharacteristics</c>); empty keeps
    /// the safe default (basic profile with modified dates).
    /// </summary>
    public List<string> Options { get; set; } = [];

    /// <summary>
    /// Burned-in annotation policy (a <c>BurnedInAnnotationPolicy</c> name). Empty keeps the default: quarantine unless
    /// the image says (0028,0301) NO.
    /// </summary>
    public string BurnedInAnnotation { get; set; } = string.Empty;
}
