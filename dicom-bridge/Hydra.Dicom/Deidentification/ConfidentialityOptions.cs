namespace Hydra.Dicom.Deidentification;

/// <summary>
/// The options of the Basic Application Level Confidentiality Profile (PS3.15 E.3), each a column of Table E.1-1.
/// The order of the flags is the order of the option characters in the generated table.
/// </summary>
[Flags]
public enum ConfidentialityOptions
{
    /// <summary>The basic profile alone.</summary>
    None = 0,

    /// <summary>Retain Safe Private Option (E.3.10, DCM 113111): keep private attributes known to be safe.</summary>
    RetainSafePrivate = 1 << 0,

    /// <summary>Retain UIDs Option (E.3.9, DCM 113110): keep UIDs instead of replacing them.</summary>
    RetainUids = 1 << 1,

    /// <summary>Retain Device Identity Option (E.3.8, DCM 113109).</summary>
    RetainDeviceIdentity = 1 << 2,

    /// <summary>Retain Institution Identity Option (E.3.11, DCM 113112).</summary>
    RetainInstitutionIdentity = 1 << 3,

    /// <summary>Retain Patient Characteristics Option (E.3.7, DCM 113108): sex, age, size, weight and the like.</summary>
    RetainPatientCharacteristics = 1 << 4,

    /// <summary>Retain Longitudinal Temporal Information with Full Dates Option (E.3.6, DCM 113106).</summary>
    RetainLongitudinalFullDates = 1 << 5,

    /// <summary>Retain Longitudinal Temporal Information with Modified Dates Option (E.3.6, DCM 113107): dates shifted.</summary>
    RetainLongitudinalModifiedDates = 1 << 6,

    /// <summary>Clean Descriptors Option (E.3.5, DCM 113105): descriptions cleaned instead of removed.</summary>
    CleanDescriptors = 1 << 7,

    /// <summary>Clean Structured Content Option (E.3.4, DCM 113104): SR content cleaned instead of dummied.</summary>
    CleanStructuredContent = 1 << 8,

    /// <summary>Clean Graphics Option (E.3.3, DCM 113103): graphics cleaned instead of removed.</summary>
    CleanGraphics = 1 << 9,
}
