using Hydra.Dicom.Dictionary;

namespace Hydra.Dicom.Deidentification;

/// <summary>
/// The attributes that record what was done (PS3.15 E.1.1 step 6, E.3): Patient Identity Removed (0012,0062) = YES,
/// De-identification Method (0012,0063), De-identification Method Code Sequence (0012,0064) with one CID 7050 code for
/// the basic profile and one per option, and Longitudinal Temporal Information Modified (0028,0303).
/// </summary>
internal static class DeidentificationRecord
{
    /// <summary>The method text, naming the table release the profile follows.</summary>
    public const string Method = "Hydra PS3.15 Annex E, Table E.1-1 of 2025-01-28";

    private static readonly (ConfidentialityOptions Option, string Code, string Meaning)[] OptionCodes =
    [
        (ConfidentialityOptions.CleanGraphics, "113103", "Clean Graphics Option"),
        (ConfidentialityOptions.CleanStructuredContent, "113104", "Clean Structured Content Option"),
        (ConfidentialityOptions.CleanDescriptors, "113105", "Clean Descriptors Option"),
        (ConfidentialityOptions.RetainLongitudinalFullDates, "113106", "Retain Longitudinal Temporal Information Full Dates Option"),
        (ConfidentialityOptions.RetainLongitudinalModifiedDates, "113107", "Retain Longitudinal Temporal Information Modified Dates Option"),
        (ConfidentialityOptions.RetainPatientCharacteristics, "113108", "Retain Patient Characteristics Option"),
        (ConfidentialityOptions.RetainDeviceIdentity, "113109", "Retain Device Identity Option"),
        (ConfidentialityOptions.RetainUids, "113110", "Retain UIDs Option"),
        (ConfidentialityOptions.RetainSafePrivate, "113111", "Retain Safe Private Option"),
        (ConfidentialityOptions.RetainInstitutionIdentity, "113112", "Retain Institution Identity Option"),
    ];

    /// <summary>The tags this record writes, which re-identification removes.</summary>
    public static IReadOnlyList<DicomTag> AddedTags { get; } =
    [
        DicomTags.PatientIdentityRemoved,
        DicomTags.DeidentificationMethod,
        DicomTags.DeidentificationMethodCodeSequence,
        DicomTags.LongitudinalTemporalInformationModified,
    ];

    /// <summary>What (0028,0303) says for <paramref name="options"/>.</summary>
    public static LongitudinalTemporalInformation TemporalInformation(ConfidentialityOptions options) =>
        (options & ConfidentialityOptions.RetainLongitudinalFullDates) != 0 ? LongitudinalTemporalInformation.Unmodified
        : (options & ConfidentialityOptions.RetainLongitudinalModifiedDates) != 0 ? LongitudinalTemporalInformation.Modified
        : LongitudinalTemporalInformation.Removed;

    /// <summary>
    /// Writes the four attributes into <paramref name="dataset"/>; with <paramref name="pixelsCleaned"/> the codes
    /// include the Clean Pixel Data Option (E.3.1, DCM 113101): every frame was scanned and its text blanked.
    /// </summary>
    public static void Write(DicomDataset dataset, ConfidentialityOptions options, bool pixelsCleaned)
    {
        dataset.SetString(DicomTags.PatientIdentityRemoved, "YES");
        dataset.SetString(DicomTags.DeidentificationMethod, Method);
        var codes = new List<DicomDataset> { Code("113100", "Basic Application Confidentiality Profile") };
        if (pixelsCleaned)
        {
            codes.Add(Code("113101", "Clean Pixel Data Option"));
        }

        codes.AddRange(OptionCodes.Where(entry => (options & entry.Option) != 0).Select(entry => Code(entry.Code, entry.Meaning)));
        dataset.SetSequence(DicomTags.DeidentificationMethodCodeSequence, codes);
        dataset.SetString(DicomTags.LongitudinalTemporalInformationModified, TemporalInformation(options) switch
        {
            LongitudinalTemporalInformation.Unmodified => "UNMODIFIED",
            LongitudinalTemporalInformation.Modified => "MODIFIED",
            _ => "REMOVED",
        });
    }

    // Code Sequence Macro (PS3.3 Table 8.8-1), coding scheme DCM (PS3.16 CID 7050).
    private static DicomDataset Code(string value, string meaning)
    {
        var item = new DicomDataset();
        item.SetString(DicomTags.CodeValue, value);
        item.SetString(DicomTags.CodingSchemeDesignator, "DCM");
        item.SetString(DicomTags.CodeMeaning, meaning);
        return item;
    }
}
