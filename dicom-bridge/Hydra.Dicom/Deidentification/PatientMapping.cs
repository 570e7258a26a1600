namespace Hydra.Dicom.Deidentification;

/// <summary>
/// What de-identification gives one patient's images: the pseudonym (the de-identified Patient ID and Patient's Name)
/// and the whole days their dates are shifted by, null when the profile keeps or removes dates.
/// </summary>
public sealed record PatientMapping(string Pseudonym, int? DateOffsetDays);
