namespace Hydra.Dicom.Tests.Interop;

/// <summary>
/// Corpus files the codec rejects where pydicom reads something, with the error the codec gives and why. pydicom
/// returns what it managed to read from truncated files without complaint; the codec refuses them so a cut-off
/// transfer is never stored as if complete.
/// </summary>
public static class CorpusExpectations
{
    public static IReadOnlyDictionary<string, (DicomFormatReason Reason, long Offset, DicomTag? Tag)> Rejected { get; } =
        new Dictionary<string, (DicomFormatReason, long, DicomTag?)>(StringComparer.Ordinal)
        {
            // Pixel Data announces 8192 bytes; the file ends 8130 bytes later. pydicom returns the short value.
            ["test_files/MR_truncated.dcm"] = (DicomFormatReason.LengthExceedsRemaining, 1488, new DicomTag(0x7FE0, 0x0010)),

            // Beam Sequence announces 976 bytes; the file ends 711 bytes later. pydicom drops the rest silently.
            ["test_files/rtplan_truncated.dcm"] = (DicomFormatReason.LengthExceedsRemaining, 1410, new DicomTag(0x300A, 0x00B0)),

            // CT_small's data set behind one stray byte (0x20), so no element starts where one should. pydicom (with
            // force=True) reads one bogus element (0820,0500) of 173 MB that it never checks; dcmdump rejects the
            // file with the same finding as the codec.
            ["test_files/no_meta.dcm"] = (DicomFormatReason.LengthExceedsRemaining, 0, new DicomTag(0x0820, 0x0500)),
        };
}
