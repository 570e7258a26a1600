namespace Hydra.Dicom.Network;

/// <summary>
/// SOP classes the network layer needs to tell apart (PS3.4; UIDs from PS3.6 Table A-1): Verification, the
/// Query/Retrieve information models, and which abstract syntaxes are Storage SOP classes.
/// </summary>
public static class DicomSopClasses
{
    public const string Verification = "1.2.840.10008.1.1";

    public const string PatientRootFind = "1.2.840.10008.5.1.4.1.2.1.1";

    public const string PatientRootMove = "1.2.840.10008.5.1.4.1.2.1.2";

    public const string PatientRootGet = "1.2.840.10008.5.1.4.1.2.1.3";

    public const string StudyRootFind = "1.2.840.10008.5.1.4.1.2.2.1";

    public const string StudyRootMove = "1.2.840.10008.5.1.4.1.2.2.2";

    public const string StudyRootGet = "1.2.840.10008.5.1.4.1.2.2.3";

    /// <summary>Patient/Study Only Query/Retrieve, retired but still sent by some SCUs (dcmtk <c>-O</c>).</summary>
    public const string PatientStudyOnlyFind = "1.2.840.10008.5.1.4.1.2.3.1";

    public const string PatientStudyOnlyMove = "1.2.840.10008.5.1.4.1.2.3.2";

    public const string PatientStudyOnlyGet = "1.2.840.10008.5.1.4.1.2.3.3";

    /// <summary>Prefix shared by nearly every Storage SOP class (PS3.4 Annex B, Table B.5-1).</summary>
    private const string StoragePrefix = "1.2.840.10008.5.1.4.1.1.";

    // Storage SOP classes outside that prefix (PS3.4 Table B.5-1; hanging protocols, palettes, templates, RT
    // second-generation instructions), and the retired Stored Print and Hardcopy classes.
    private static readonly HashSet<string> OtherStorage = new(StringComparer.Ordinal)
    {
        "1.2.840.10008.5.1.4.38.1", "1.2.840.10008.5.1.4.39.1", "1.2.840.10008.5.1.4.43.1", "1.2.840.10008.5.1.4.44.1",
        "1.2.840.10008.5.1.4.45.1", "1.2.840.10008.5.1.4.34.7", "1.2.840.10008.5.1.4.34.10", "1.2.840.10008.5.1.1.27",
        "1.2.840.10008.5.1.1.29", "1.2.840.10008.5.1.1.30",
    };

    /// <summary>The C-FIND information models: Patient Root, Study Root, Patient/Study Only.</summary>
    public static IReadOnlySet<string> FindModels { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        PatientRootFind, StudyRootFind, PatientStudyOnlyFind,
    };

    /// <summary>The C-GET information models.</summary>
    public static IReadOnlySet<string> GetModels { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        PatientRootGet, StudyRootGet, PatientStudyOnlyGet,
    };

    /// <summary>The C-MOVE information models.</summary>
    public static IReadOnlySet<string> MoveModels { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        PatientRootMove, StudyRootMove, PatientStudyOnlyMove,
    };

    /// <summary>True for a standard Storage SOP class (PS3.4 Annex B).</summary>
    public static bool IsStorage(string sopClassUid)
    {
        ArgumentNullException.ThrowIfNull(sopClassUid);
        return (sopClassUid.StartsWith(StoragePrefix, StringComparison.Ordinal) && sopClassUid.Length > StoragePrefix.Length)
            || OtherStorage.Contains(sopClassUid);
    }
}
