using Hydra.Dicom.Dictionary;

namespace Hydra.Dicom.Tests.Network.Support;

/// <summary>What the store interop tests expect of each pydicom corpus file.</summary>
public static class StoreCorpus
{
    /// <summary>
    /// Files whose data set arrives as the very bytes of the file (trailing padding aside): every file storescu does
    /// not re-encode. The others arrive equal as data sets (storescu re-encodes some lengths and paddings).
    /// </summary>
    public static readonly IReadOnlySet<string> ByteIdentical = new HashSet<string>(StringComparer.Ordinal)
    {
        "CT_small.dcm", "ExplVR_BigEnd.dcm", "GDCMJ2K_TextGBR.dcm", "J2K_pixelrep_mismatch.dcm", "MR_small.dcm", "MR_small_RLE.dcm",
        "MR_small_bigendian.dcm", "MR_small_expb.dcm", "MR_small_implicit.dcm", "MR_small_padded.dcm", "SC_jpeg_no_color_transform.dcm",
        "SC_jpeg_no_color_transform_2.dcm", "SC_rgb_dcmtk_+eb+cr.dcm", "SC_rgb_dcmtk_+eb+cy+n1.dcm", "SC_rgb_dcmtk_+eb+cy+n2.dcm",
        "SC_rgb_dcmtk_+eb+cy+np.dcm", "SC_rgb_dcmtk_+eb+cy+s2.dcm", "SC_rgb_dcmtk_+eb+cy+s4.dcm", "SC_rgb_jpeg_app14_dcmd.dcm",
        "SC_rgb_jpeg_dcmd.dcm", "SC_rgb_jpeg_dcmtk.dcm", "SC_rgb_jpeg_gdcm.dcm", "SC_rgb_rle.dcm", "SC_rgb_rle_2frame.dcm",
        "SC_rgb_rle_32bit.dcm", "SC_rgb_rle_32bit_2frame.dcm", "SC_rgb_small_odd.dcm", "SC_rgb_small_odd_jpeg.dcm",
        "SC_ybr_full_422_uncompressed.dcm", "badVR.dcm", "liver_expb_1frame.dcm", "reportsi_with_empty_number_tags.dcm", "rtdose.dcm",
        "rtdose_1frame.dcm", "rtdose_expb.dcm", "rtdose_expb_1frame.dcm", "rtplan.dcm", "test-SR.dcm",
    };

    /// <summary>Files dcmtk itself cannot send, with the message storescu prints (it never reaches the network).</summary>
    public static readonly IReadOnlyDictionary<string, string> DcmtkCannotSend = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["rtdose_rle.dcm"] = "No SOP Class or Instance UID in file",
        ["rtdose_rle_1frame.dcm"] = "No SOP Class or Instance UID in file",
        ["SC_rgb_jpeg.dcm"] = "I/O suspension or premature end of stream",
    };

    /// <summary>Why a file cannot be sent by C-STORE at all, or null when it can.</summary>
    public static string? NotSendable(string name, DicomFile file)
    {
        if (file.Dataset.GetString(DicomTags.SOPClassUID) is not { Length: > 0 })
        {
            return "no SOP Class UID";
        }

        if (file.Dataset.GetString(DicomTags.SOPInstanceUID) is not { Length: > 0 })
        {
            return "no SOP Instance UID";
        }

        return null;
    }
}
