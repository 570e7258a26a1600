namespace Hydra.Dicom.Deidentification;

/// <summary>
/// The private attributes the Retain Safe Private Option keeps: a short subset of PS3.15 Table E.3.10-1 ("Safe Private
/// Attributes"), CT, MR and PET acquisition parameters that quantitative work needs and that hold no identity (the
/// entries agree with the safe-private rules of PixelMed's ClinicalTrialsAttributes, by the same author). An element
/// is kept only when its block's creator, its group and its element offset all match; its creator element is kept
/// with it, in the same slot, so the binding of PS3.5 7.8.1 holds.
/// </summary>
internal static class SafePrivateAttributes
{
    private static readonly SafePrivateAttribute[] Entries =
    [
        new("GEMS_ACQU_01", 0x0019, 0x23, "Table Speed [mm/rotation]"),
        new("GEMS_ACQU_01", 0x0019, 0x24, "Mid Scan Time [sec]"),
        new("GEMS_ACQU_01", 0x0019, 0x27, "Rotation Speed [msec]"),
        new("GEMS_ACQU_01", 0x0019, 0x9E, "Internal Pulse Sequence Name"),
        new("GEMS_PARM_01", 0x0043, 0x27, "Scan Pitch Ratio"),
        new("GEMS_PARM_01", 0x0043, 0x6F, "Scanner Table Entry"),
        new("GEMS_HELIOS_01", 0x0045, 0x01, "Number of Macro Rows in Detector"),
        new("GEMS_HELIOS_01", 0x0045, 0x02, "Macro Width at ISO Center"),
        new("GEMS_SERS_01", 0x0025, 0x07, "Images in Series"),
        new("ELSCINT1", 0x00E1, 0x21, "DLP"),
        new("ELSCINT1", 0x00E1, 0x50, "Acquisition Duration"),
        new("ELSCINT1", 0x01F1, 0x01, "Acquisition Type"),
        new("ELSCINT1", 0x01F1, 0x07, "Table Velocity"),
        new("ELSCINT1", 0x01F1, 0x26, "Pitch"),
        new("ELSCINT1", 0x01F1, 0x27, "Rotation Time"),
        new("Philips MR Imaging DD 001", 0x2005, 0x0D, "Scale Intercept"),
        new("Philips MR Imaging DD 001", 0x2005, 0x0E, "Scale Slope"),
        new("PHILIPS MR IMAGING DD 001", 0x2005, 0x0D, "Scale Intercept"),
        new("PHILIPS MR IMAGING DD 001", 0x2005, 0x0E, "Scale Slope"),
        new("Philips PET Private Group", 0x7053, 0x00, "SUV Factor"),
        new("Philips PET Private Group", 0x7053, 0x09, "Activity Concentration Scale Factor"),
    ];

    private static readonly HashSet<(string Creator, ushort Group, byte Offset)> Index =
        [.. Entries.Select(entry => (entry.Creator, entry.Group, entry.ElementOffset))];

    /// <summary>Every entry, for tests and documentation.</summary>
    public static IReadOnlyList<SafePrivateAttribute> All => Entries;

    /// <summary>True when private element <paramref name="tag"/>, in a block reserved by <paramref name="creator"/>, is safe.</summary>
    public static bool Contains(string creator, DicomTag tag) =>
        Index.Contains((creator, tag.Group, (byte)(tag.Element & 0xFF)));
}
