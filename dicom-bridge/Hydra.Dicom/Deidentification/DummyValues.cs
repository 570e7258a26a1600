using System.Text;

namespace Hydra.Dicom.Deidentification;

/// <summary>
/// The dummy values of the D action: non-zero-length, valid for the VR, the same for every image, and so free of
/// identity (PS3.15 E.1.1 Table E.1-1a "D").
/// </summary>
internal static class DummyValues
{
    private static readonly byte[] Anonymous = Encoding.ASCII.GetBytes("ANONYMOUS");
    private static readonly byte[] Date = Encoding.ASCII.GetBytes("19000101");
    private static readonly byte[] DateTime = Encoding.ASCII.GetBytes("19000101000000");
    private static readonly byte[] Time = Encoding.ASCII.GetBytes("000000");
    private static readonly byte[] Age = Encoding.ASCII.GetBytes("000D");
    private static readonly byte[] Zero = Encoding.ASCII.GetBytes("0");
    private static readonly byte[] Urn = Encoding.ASCII.GetBytes("urn:anonymous");

    /// <summary>The dummy for a non-sequence element of <paramref name="vr"/> (UI is mapped by the caller, not here).</summary>
    public static ReadOnlyMemory<byte> For(DicomVR vr) => vr switch
    {
        DicomVR.DA => Date,
        DicomVR.DT => DateTime,
        DicomVR.TM => Time,
        DicomVR.AS => Age,
        DicomVR.DS or DicomVR.IS => Zero,
        DicomVR.UR => Urn,
        DicomVR.AE or DicomVR.CS or DicomVR.LO or DicomVR.LT or DicomVR.PN or DicomVR.SH or DicomVR.ST or DicomVR.UC
            or DicomVR.UT => Anonymous,
        _ => new byte[Math.Max(2, vr.UnitSize() * (vr == DicomVR.AT ? 2 : 1))],
    };
}
