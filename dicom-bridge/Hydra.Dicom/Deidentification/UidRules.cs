namespace Hydra.Dicom.Deidentification;

/// <summary>
/// Which UIDs the de-identifier leaves alone: values under the DICOM root 1.2.840.10008 (SOP classes, transfer
/// syntaxes, the DCM coding scheme, well-known instances; PS3.6 Annex A), and, outside Table E.1-1, attributes that
/// name a class, syntax or scheme rather than an instance (keywords ending in ClassUID, as private SOP classes do not
/// live under the DICOM root, and the transfer syntax, coding scheme, context and mapping resource UIDs).
/// </summary>
internal static class UidRules
{
    private const string DicomRoot = "1.2.840.10008.";

    private static readonly HashSet<uint> DefinitionTags =
    [
        0x00020010, // Transfer Syntax UID
        0x0008010C, // Coding Scheme UID
        0x00080117, // Context UID
        0x00080118, // Mapping Resource UID
        0x04000510, // Encrypted Content Transfer Syntax UID
        0x00041512, // Referenced Transfer Syntax UID in File
    ];

    /// <summary>True for a UID value under the DICOM root.</summary>
    public static bool IsWellKnownValue(string uid) => uid.StartsWith(DicomRoot, StringComparison.Ordinal);

    /// <summary>True for attributes whose UIDs define something rather than identify an instance.</summary>
    public static bool IsDefinitionAttribute(DicomTag tag) =>
        DefinitionTags.Contains(tag.Value) || (tag.Keyword?.EndsWith("ClassUID", StringComparison.Ordinal) ?? false);
}
