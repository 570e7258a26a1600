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

    /// <summary>Readable corpus files whose encoding the writer does not reproduce byte for byte, and why.</summary>
    public static IReadOnlyDictionary<string, string> NonCanonical { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["test_files/ExplVR_BigEndNoMeta.dcm"] = "no preamble or meta group; the output has both (PS3.10 7.1)",
        ["test_files/ExplVR_LitEndNoMeta.dcm"] = "no preamble or meta group; the output has both (PS3.10 7.1)",
        ["test_files/rtstruct.dcm"] = "no preamble or meta group; the output has both (PS3.10 7.1)",
        ["test_files/no_meta_group_length.dcm"] = "the meta group lacks (0002,0000), which PS3.10 7.1 requires and the writer adds",
        ["test_files/meta_missing_tsyntax.dcm"] =
            "the meta group lacks (0002,0010), which the writer adds; (0001,0002) has odd length and gets padded (PS3.5 7.1.1)",
        ["test_files/nested_priv_SQ.dcm"] = "(0001,0002) has odd length and gets padded (PS3.5 7.1.1)",
        ["test_files/image_dfl.dcm"] = "deflated (PS3.5 A.5): the same data set compresses to different bytes",
        ["test_files/SC_rgb_jpeg.dcm"] = "declares Explicit VR but the data set is Implicit VR; the output is Explicit VR as declared",
        ["test_files/UN_sequence.dcm"] = "a UN element of undefined length, a sequence by PS3.5 6.2.2, is written as SQ",
        ["test_files/J2K_pixelrep_mismatch.dcm"] = "private creators are encoded as UN; the output gives them VR LO (PS3.5 7.8.1)",
        ["test_files/rtdose_rle.dcm"] = "every element is encoded with VR UN; the output uses the dictionary VRs (and see rtdose.dcm)",
        ["test_files/rtdose_rle_1frame.dcm"] = "every element is encoded with VR UN; the output uses the dictionary VRs (and see rtdose.dcm)",
        ["test_files/MR_small_jp2klossless.dcm"] = "encapsulated Pixel Data declared OW; written OB as PS3.5 A.4 requires",
        ["test_files/MR_small_jpeg_ls_lossless.dcm"] = "encapsulated Pixel Data declared OW; written OB as PS3.5 A.4 requires",
        ["test_files/SC_rgb_rle_16bit.dcm"] = "encapsulated Pixel Data declared OW; written OB as PS3.5 A.4 requires",
        ["test_files/SC_rgb_rle_16bit_2frame.dcm"] = "encapsulated Pixel Data declared OW; written OB as PS3.5 A.4 requires",
        ["test_files/693_J2KI.dcm"] = "stale group lengths (0008,0000) and (0028,0000) are recomputed; Pixel Data declared OW",
        ["charset_files/chrKoreanMulti.dcm"] = "stale group lengths (0008,0000) and (0010,0000) are recomputed",
        ["charset_files/chrJapMulti.dcm"] = "stale group lengths are recomputed; (0002,0003) is made equal to (0008,0018)",
        ["charset_files/chrJapMultiExplicitIR6.dcm"] = "(0002,0003) differs from (0008,0018) and is made equal to it (PS3.10 7.1)",
        ["test_files/badVR.dcm"] = "(0002,0003) differs from (0008,0018) and is made equal to it (PS3.10 7.1)",
        ["test_files/rtplan.dcm"] = "(0002,0003) differs from (0008,0018) and is made equal to it (PS3.10 7.1)",
        ["test_files/rtdose.dcm"] = "(0002,0003) differs from (0008,0018) and is made equal to it (PS3.10 7.1)",
        ["test_files/rtdose_1frame.dcm"] = "(0002,0003) differs from (0008,0018) and is made equal to it (PS3.10 7.1)",
        ["test_files/rtdose_expb.dcm"] = "(0002,0003) differs from (0008,0018) and is made equal to it (PS3.10 7.1)",
        ["test_files/rtdose_expb_1frame.dcm"] = "(0002,0003) differs from (0008,0018) and is made equal to it (PS3.10 7.1)",
    };

    /// <summary>
    /// Readable corpus files whose content itself draws dcmdump warnings, which the output therefore keeps: both hold
    /// elements in group 0001, which PS3.5 7.8.1 forbids (it is neither standard nor private).
    /// </summary>
    public static IReadOnlySet<string> InvalidContent { get; } =
        new HashSet<string>(StringComparer.Ordinal) { "test_files/nested_priv_SQ.dcm", "test_files/meta_missing_tsyntax.dcm" };
}
