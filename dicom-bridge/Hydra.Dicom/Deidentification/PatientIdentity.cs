using Hydra.Dicom.Dictionary;

namespace Hydra.Dicom.Deidentification;

/// <summary>
/// Who the keyed mappings take an image to belong to: Issuer of Patient ID (or the source's default issuer) and
/// Patient ID. An image without Patient ID gets the namespace "\study" and its Study Instance UID, or "\instance" and
/// its SOP Instance UID: a backslash cannot start a real issuer (LO), so such images never join a real patient, nor
/// each other across studies.
/// </summary>
internal readonly record struct PatientIdentity(string Issuer, string Id)
{
    public static PatientIdentity Of(DicomDataset dataset, string defaultIssuer)
    {
        var id = dataset.GetString(DicomTags.PatientID)?.Trim();
        if (!string.IsNullOrEmpty(id))
        {
            return Named(dataset.GetString(DicomTags.IssuerOfPatientID), id, defaultIssuer);
        }

        return dataset.GetString(DicomTags.StudyInstanceUID)?.Trim() is { Length: > 0 } study
            ? new PatientIdentity("\\study", study)
            : new PatientIdentity("\\instance", dataset.GetString(DicomTags.SOPInstanceUID)?.Trim() ?? string.Empty);
    }

    /// <summary>The identity of a patient named by issuer and Patient ID, as an image carrying those values gets it.</summary>
    public static PatientIdentity Named(string? issuer, string id, string defaultIssuer)
    {
        issuer = issuer?.Trim();
        return new PatientIdentity(string.IsNullOrEmpty(issuer) ? defaultIssuer : issuer, id.Trim());
    }
}
