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
            var issuer = dataset.GetString(DicomTags.IssuerOfPatientID)?.Trim();
            return new PatientIdentity(string.IsNullOrEmpty(issuer) ? defaultIssuer : issuer, id);
        }

        return dataset.GetString(DicomTags.StudyInstanceUID)?.Trim() is { Length: > 0 } study
            ? new PatientIdentity("\\study", study)
            : new PatientIdentity("\\instance", dataset.GetString(DicomTags.SOPInstanceUID)?.Trim() ?? string.Empty);
    }
}
