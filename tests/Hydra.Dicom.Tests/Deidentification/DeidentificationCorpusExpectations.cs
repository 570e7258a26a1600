using Hydra.Dicom.Deidentification;

namespace Hydra.Dicom.Tests.Deidentification;

/// <summary>The corpus files the default profile quarantines, and why (reported in dicom-bridge/Hydra.Dicom/Deidentification/README.md).</summary>
public static class DeidentificationCorpusExpectations
{
    public static IReadOnlyDictionary<string, QuarantineCode> Quarantined { get; } = new Dictionary<string, QuarantineCode>(StringComparer.Ordinal)
    {
        // Secondary Capture (charset files, JPEG samples, SC_*), Ultrasound (ExplVR_BigEnd), and Modality OT (image_dfl),
        // none marked Burned In Annotation NO: the default policy cannot rule out text in the pixels.
        ["charset_files/chrArab.dcm"] = QuarantineCode.BurnedInAnnotationRisk,
        ["charset_files/chrFren.dcm"] = QuarantineCode.BurnedInAnnotationRisk,
        ["charset_files/chrFrenMulti.dcm"] = QuarantineCode.BurnedInAnnotationRisk,
        ["charset_files/chrGerm.dcm"] = QuarantineCode.BurnedInAnnotationRisk,
        ["charset_files/chrGreek.dcm"] = QuarantineCode.BurnedInAnnotationRisk,
        ["charset_files/chrH31.dcm"] = QuarantineCode.BurnedInAnnotationRisk,
        ["charset_files/chrH32.dcm"] = QuarantineCode.BurnedInAnnotationRisk,
        ["charset_files/chrHbrw.dcm"] = QuarantineCode.BurnedInAnnotationRisk,
        ["charset_files/chrI2.dcm"] = QuarantineCode.BurnedInAnnotationRisk,
        ["charset_files/chrRuss.dcm"] = QuarantineCode.BurnedInAnnotationRisk,
        ["charset_files/chrX1.dcm"] = QuarantineCode.BurnedInAnnotationRisk,
        ["charset_files/chrX2.dcm"] = QuarantineCode.BurnedInAnnotationRisk,
        ["test_files/ExplVR_BigEnd.dcm"] = QuarantineCode.BurnedInAnnotationRisk,
        ["test_files/GDCMJ2K_TextGBR.dcm"] = QuarantineCode.BurnedInAnnotationRisk,
        ["test_files/JPEG-lossy.dcm"] = QuarantineCode.BurnedInAnnotationRisk,
        ["test_files/JPEG2000-embedded-sequence-delimiter.dcm"] = QuarantineCode.BurnedInAnnotationRisk,
        ["test_files/JPEG2000.dcm"] = QuarantineCode.BurnedInAnnotationRisk,
        ["test_files/JPGExtended.dcm"] = QuarantineCode.BurnedInAnnotationRisk,
        ["test_files/SC_jpeg_no_color_transform.dcm"] = QuarantineCode.BurnedInAnnotationRisk,
        ["test_files/SC_jpeg_no_color_transform_2.dcm"] = QuarantineCode.BurnedInAnnotationRisk,
        ["test_files/SC_rgb_dcmtk_+eb+cr.dcm"] = QuarantineCode.BurnedInAnnotationRisk,
        ["test_files/SC_rgb_dcmtk_+eb+cy+n1.dcm"] = QuarantineCode.BurnedInAnnotationRisk,
        ["test_files/SC_rgb_dcmtk_+eb+cy+n2.dcm"] = QuarantineCode.BurnedInAnnotationRisk,
        ["test_files/SC_rgb_dcmtk_+eb+cy+np.dcm"] = QuarantineCode.BurnedInAnnotationRisk,
        ["test_files/SC_rgb_dcmtk_+eb+cy+s2.dcm"] = QuarantineCode.BurnedInAnnotationRisk,
        ["test_files/SC_rgb_dcmtk_+eb+cy+s4.dcm"] = QuarantineCode.BurnedInAnnotationRisk,
        ["test_files/SC_rgb_gdcm_KY.dcm"] = QuarantineCode.BurnedInAnnotationRisk,
        ["test_files/SC_rgb_jpeg.dcm"] = QuarantineCode.BurnedInAnnotationRisk,
        ["test_files/SC_rgb_jpeg_app14_dcmd.dcm"] = QuarantineCode.BurnedInAnnotationRisk,
        ["test_files/SC_rgb_jpeg_dcmd.dcm"] = QuarantineCode.BurnedInAnnotationRisk,
        ["test_files/SC_rgb_jpeg_dcmtk.dcm"] = QuarantineCode.BurnedInAnnotationRisk,
        ["test_files/SC_rgb_jpeg_gdcm.dcm"] = QuarantineCode.BurnedInAnnotationRisk,
        ["test_files/SC_rgb_jpeg_lossy_gdcm.dcm"] = QuarantineCode.BurnedInAnnotationRisk,
        ["test_files/SC_rgb_rle.dcm"] = QuarantineCode.BurnedInAnnotationRisk,
        ["test_files/SC_rgb_rle_16bit.dcm"] = QuarantineCode.BurnedInAnnotationRisk,
        ["test_files/SC_rgb_rle_16bit_2frame.dcm"] = QuarantineCode.BurnedInAnnotationRisk,
        ["test_files/SC_rgb_rle_2frame.dcm"] = QuarantineCode.BurnedInAnnotationRisk,
        ["test_files/SC_rgb_rle_32bit.dcm"] = QuarantineCode.BurnedInAnnotationRisk,
        ["test_files/SC_rgb_rle_32bit_2frame.dcm"] = QuarantineCode.BurnedInAnnotationRisk,
        ["test_files/SC_rgb_small_odd.dcm"] = QuarantineCode.BurnedInAnnotationRisk,
        ["test_files/SC_rgb_small_odd_jpeg.dcm"] = QuarantineCode.BurnedInAnnotationRisk,
        ["test_files/SC_ybr_full_422_uncompressed.dcm"] = QuarantineCode.BurnedInAnnotationRisk,
        ["test_files/image_dfl.dcm"] = QuarantineCode.BurnedInAnnotationRisk,

        // Data sets without SOP Class UID or SOP Instance UID (fragments made to test the parser, not images).
        ["charset_files/chrSQEncoding.dcm"] = QuarantineCode.MissingRequiredAttribute,
        ["charset_files/chrSQEncoding1.dcm"] = QuarantineCode.MissingRequiredAttribute,
        ["test_files/UN_sequence.dcm"] = QuarantineCode.MissingRequiredAttribute,
        ["test_files/empty_charset_LEI.dcm"] = QuarantineCode.MissingRequiredAttribute,
        ["test_files/meta_missing_tsyntax.dcm"] = QuarantineCode.MissingRequiredAttribute,
        ["test_files/nested_priv_SQ.dcm"] = QuarantineCode.MissingRequiredAttribute,
        ["test_files/no_meta_group_length.dcm"] = QuarantineCode.MissingRequiredAttribute,
        ["test_files/priv_SQ.dcm"] = QuarantineCode.MissingRequiredAttribute,
    };
}
