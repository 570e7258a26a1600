namespace Hydra.Dicom.IO;

/// <summary>What the writer does with group length elements (gggg,0000) (PS3.5 7.2).</summary>
public enum DicomGroupLengths
{
    /// <summary>Writes the group lengths present, with values recomputed from what is written.</summary>
    Recalculate,

    /// <summary>
    /// Drops group lengths, which PS3.5 7.2 retires, except the ones the standard requires: (0000,0000) in DIMSE
    /// command sets (PS3.7 6.3.1) and (0002,0000) in the file meta group (PS3.10 7.1).
    /// </summary>
    Remove,
}
