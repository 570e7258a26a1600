namespace Hydra.Dicom.Deidentification;

/// <summary>
/// Free-text attributes (AE, AS, LO, LT, PN, SH, ST, UC, UR, UT) that Table E.1-1 does not list and that are kept
/// anyway because they hold coded, technical or equipment-model information, never a person, place or date. Every other
/// free-text attribute outside the table is removed (or emptied or dummied when an IOD requires it): the research's
/// "whitelist" advice, stricter than the table, since a free-text field the table forgot may still hold identity.
/// </summary>
internal static class SafeTextAttributes
{
    private static readonly HashSet<uint> Tags =
    [
        // Code Sequence Macro (PS3.3 Table 8.8-1): the code triplet and its long forms.
        0x00080100, // Code Value
        0x00080102, // Coding Scheme Designator
        0x00080103, // Coding Scheme Version
        0x00080104, // Code Meaning
        0x00080119, // Long Code Value
        0x00080120, // URN Code Value
        0x00080122, // Mapping Resource Name

        // Equipment model, not the device instance (General Equipment C.7.5.1; the serial number is in the table).
        0x00080070, // Manufacturer
        0x00081090, // Manufacturer's Model Name
        0x00181020, // Software Versions

        // Image and acquisition technique (General Image, CT/MR/PET Image, VOI LUT, Modality LUT modules).
        0x00201040, // Position Reference Indicator
        0x00281055, // Window Center & Width Explanation
        0x00281054, // Rescale Type
        0x00283003, // LUT Explanation
        0x00409210, // LUT Label
        0x00181210, // Convolution Kernel
        0x00180024, // Sequence Name
        0x00181160, // Filter Type
        0x00181250, // Receive Coil Name
        0x00181251, // Transmit Coil Name
        0x00189005, // Pulse Sequence Name
        0x00181040, // Contrast/Bolus Route
        0x00180085, // Imaged Nucleus
        0x00541103, // Reconstruction Method
        0x00181180, // Collimator/grid Name
        0x00180031, // Radiopharmaceutical
        0x00620009, // Segment Algorithm Name
        0x00209421, // Dimension Description Label
        0x00280A04, // Pixel Spacing Calibration Description
        0x00181401, // Acquisition Device Processing Code
    ];

    /// <summary>True when <paramref name="tag"/> is a free-text attribute known to be safe to keep.</summary>
    public static bool Contains(DicomTag tag) => Tags.Contains(tag.Value);

    /// <summary>The tags, for tests.</summary>
    public static IReadOnlyCollection<uint> All => Tags;
}
