namespace Hydra.Dicom.Deidentification;

/// <summary>
/// A small, hand-made piece of PS3.3: attributes that common IODs require (Type 1/1C or 2/2C) among those the
/// de-identifier would otherwise remove, i.e. the combined action codes of Table E.1-1 (Z/D, X/Z, X/D, X/Z/D) and free
/// text outside the table. The safe choice, per attribute and across IODs: keep it present (dummy for Type 1, empty for
/// Type 2) when any common IOD requires it, remove it otherwise. A dummy or empty value never carries identity, so
/// over-keeping costs nothing but a few bytes; under-keeping would break IOD conformance.
/// </summary>
internal static class IodAttributeTypes
{
    private static readonly Dictionary<uint, AttributeRequirement> Requirements = new()
    {
        // Type 1 or 1C somewhere common.
        [0x0008002A] = AttributeRequirement.Type1, // Acquisition DateTime: 1C in Enhanced CT/MR/XA image modules (C.8.15.2, C.8.13.1)
        [0x00080023] = AttributeRequirement.Type1, // Content Date: 1 in SR Document General (C.17.2), 2C in General Image
        [0x00080033] = AttributeRequirement.Type1, // Content Time: as Content Date
        [0x00080021] = AttributeRequirement.Type1, // Series Date: 1 in PET Series (C.8.9.1), for decay correction
        [0x00080031] = AttributeRequirement.Type1, // Series Time: as Series Date
        [0x00181000] = AttributeRequirement.Type1, // Device Serial Number: 1 in Enhanced General Equipment (C.7.5.2)
        [0x0040A032] = AttributeRequirement.Type1, // Observation DateTime: 1C in SR content items (C.17.3)
        [0x0040A160] = AttributeRequirement.Type1, // Text Value: 1C in TEXT content items (Table C.17-5)
        [0x00700006] = AttributeRequirement.Type1, // Unformatted Text Value: 1C in Text Object Sequence items (C.10.5)
        [0x00620005] = AttributeRequirement.Type1, // Segment Label: 1 in Segment Description Macro (C.8.20.2)
        [0x00080070] = AttributeRequirement.Type1, // Manufacturer: 1 in Enhanced General Equipment, 2 in General Equipment

        // Type 2 or 2C somewhere common.
        [0x00080022] = AttributeRequirement.Type2, // Acquisition Date: 2 in PET Image (C.8.9.4)
        [0x00080032] = AttributeRequirement.Type2, // Acquisition Time: 2 in PET Image
        [0x00400555] = AttributeRequirement.Type2, // Acquisition Context Sequence: 2 in Acquisition Context (C.7.6.14)
        [0x00700084] = AttributeRequirement.Type2, // Content Creator's Name: 2 in Presentation State Identification (C.11.10)
        [0x00180010] = AttributeRequirement.Type2, // Contrast/Bolus Agent: 2 in Contrast/Bolus (C.7.6.4)
        [0x00189919] = AttributeRequirement.Type2, // Instruction Performed DateTime: 2C in protocol performance (C.7.6.19)
        [0x00081111] = AttributeRequirement.Type2, // Referenced Performed Procedure Step Sequence: 2 in SR Document General
        [0x00100010] = AttributeRequirement.Type2, // Patient's Name: 2 in Patient (C.7.1.1)
        [0x00100020] = AttributeRequirement.Type2, // Patient ID: 2 in Patient
        [0x00200010] = AttributeRequirement.Type2, // Study ID: 2 in General Study (C.7.2.1)
        [0x00420010] = AttributeRequirement.Type2, // Document Title: 2 in Encapsulated Document (C.24.2)
        [0x00201040] = AttributeRequirement.Type2, // Position Reference Indicator: 2 in Frame of Reference (C.7.4.1)
        [0x00700081] = AttributeRequirement.Type2, // Content Description: 2 in Presentation State Identification
    };

    /// <summary>How strongly common IODs require <paramref name="tag"/>.</summary>
    public static AttributeRequirement Of(DicomTag tag) =>
        Requirements.GetValueOrDefault(tag.Value, AttributeRequirement.Optional);
}
