namespace Hydra.Dicom;

/// <summary>
/// A Transfer Syntax (PS3.5 10 and Annex A): how a data set is encoded. Known UIDs come from PS3.6 Table A-1;
/// <see cref="Lookup"/> treats an unknown UID as Explicit VR Little Endian with encapsulated pixel data, as PS3.5 A.4
/// requires of every compressed syntax.
/// </summary>
public sealed record DicomTransferSyntax
{
    private static readonly Dictionary<string, DicomTransferSyntax> Known = [];

    private DicomTransferSyntax(string uid, string name, bool explicitVR = true, bool bigEndian = false, bool deflated = false,
        bool encapsulated = true, bool retired = false)
    {
        Uid = uid;
        Name = name;
        IsExplicitVR = explicitVR;
        IsBigEndian = bigEndian;
        IsDeflated = deflated;
        IsEncapsulated = encapsulated;
        IsRetired = retired;
    }

    public static DicomTransferSyntax ImplicitVRLittleEndian { get; } =
        Add("1.2.840.10008.1.2", "Implicit VR Little Endian", explicitVR: false, encapsulated: false);

    public static DicomTransferSyntax ExplicitVRLittleEndian { get; } =
        Add("1.2.840.10008.1.2.1", "Explicit VR Little Endian", encapsulated: false);

    public static DicomTransferSyntax EncapsulatedUncompressedExplicitVRLittleEndian { get; } =
        Add("1.2.840.10008.1.2.1.98", "Encapsulated Uncompressed Explicit VR Little Endian");

    public static DicomTransferSyntax DeflatedExplicitVRLittleEndian { get; } =
        Add("1.2.840.10008.1.2.1.99", "Deflated Explicit VR Little Endian", deflated: true, encapsulated: false);

    public static DicomTransferSyntax ExplicitVRBigEndian { get; } =
        Add("1.2.840.10008.1.2.2", "Explicit VR Big Endian", bigEndian: true, encapsulated: false, retired: true);

    public static DicomTransferSyntax JpegBaseline { get; } = Add("1.2.840.10008.1.2.4.50", "JPEG Baseline (Process 1)");

    public static DicomTransferSyntax JpegExtended { get; } = Add("1.2.840.10008.1.2.4.51", "JPEG Extended (Process 2 & 4)");

    public static DicomTransferSyntax JpegLossless { get; } =
        Add("1.2.840.10008.1.2.4.57", "JPEG Lossless, Non-Hierarchical (Process 14)");

    public static DicomTransferSyntax JpegLosslessSV1 { get; } =
        Add("1.2.840.10008.1.2.4.70", "JPEG Lossless, Non-Hierarchical, First-Order Prediction (Process 14 [Selection Value 1])");

    public static DicomTransferSyntax JpegLSLossless { get; } = Add("1.2.840.10008.1.2.4.80", "JPEG-LS Lossless Image Compression");

    public static DicomTransferSyntax JpegLSNearLossless { get; } =
        Add("1.2.840.10008.1.2.4.81", "JPEG-LS Lossy (Near-Lossless) Image Compression");

    public static DicomTransferSyntax Jpeg2000Lossless { get; } = Add("1.2.840.10008.1.2.4.90", "JPEG 2000 Image Compression (Lossless Only)");

    public static DicomTransferSyntax Jpeg2000 { get; } = Add("1.2.840.10008.1.2.4.91", "JPEG 2000 Image Compression");

    public static DicomTransferSyntax Jpeg2000Part2Lossless { get; } =
        Add("1.2.840.10008.1.2.4.92", "JPEG 2000 Part 2 Multi-component Image Compression (Lossless Only)");

    public static DicomTransferSyntax Jpeg2000Part2 { get; } =
        Add("1.2.840.10008.1.2.4.93", "JPEG 2000 Part 2 Multi-component Image Compression");

    /// <summary>JPIP Referenced: pixel data is a URL, not encapsulated.</summary>
    public static DicomTransferSyntax JpipReferenced { get; } = Add("1.2.840.10008.1.2.4.94", "JPIP Referenced", encapsulated: false);

    /// <summary>JPIP Referenced Deflate: deflated like 1.2.840.10008.1.2.1.99, pixel data is a URL.</summary>
    public static DicomTransferSyntax JpipReferencedDeflate { get; } =
        Add("1.2.840.10008.1.2.4.95", "JPIP Referenced Deflate", deflated: true, encapsulated: false);

    public static DicomTransferSyntax Mpeg2MainProfileMainLevel { get; } = Add("1.2.840.10008.1.2.4.100", "MPEG2 Main Profile / Main Level");

    public static DicomTransferSyntax Mpeg4AvcH264HighProfile { get; } =
        Add("1.2.840.10008.1.2.4.102", "MPEG-4 AVC/H.264 High Profile / Level 4.1");

    public static DicomTransferSyntax HevcH265MainProfile { get; } = Add("1.2.840.10008.1.2.4.107", "HEVC/H.265 Main Profile / Level 5.1");

    public static DicomTransferSyntax JpegXLLossless { get; } = Add("1.2.840.10008.1.2.4.110", "JPEG XL Lossless");

    public static DicomTransferSyntax JpegXL { get; } = Add("1.2.840.10008.1.2.4.112", "JPEG XL");

    public static DicomTransferSyntax HighThroughputJpeg2000Lossless { get; } =
        Add("1.2.840.10008.1.2.4.201", "High-Throughput JPEG 2000 Image Compression (Lossless Only)");

    public static DicomTransferSyntax HighThroughputJpeg2000 { get; } =
        Add("1.2.840.10008.1.2.4.203", "High-Throughput JPEG 2000 Image Compression");

    public static DicomTransferSyntax RleLossless { get; } = Add("1.2.840.10008.1.2.5", "RLE Lossless");

    /// <summary>The UID, e.g. "1.2.840.10008.1.2.1".</summary>
    public string Uid { get; }

    /// <summary>The PS3.6 name, or "Unknown Transfer Syntax" for UIDs this library does not list.</summary>
    public string Name { get; }

    /// <summary>True when each element header carries its VR (PS3.5 7.1.2); false for Implicit VR Little Endian.</summary>
    public bool IsExplicitVR { get; }

    /// <summary>True only for the retired Explicit VR Big Endian (PS3.5 A.3).</summary>
    public bool IsBigEndian { get; }

    /// <summary>True when the data set after the file meta group is raw deflate (RFC 1951) (PS3.5 A.5).</summary>
    public bool IsDeflated { get; }

    /// <summary>True when Pixel Data is encapsulated as fragments (PS3.5 A.4).</summary>
    public bool IsEncapsulated { get; }

    /// <summary>True when PS3.6 lists the syntax as retired.</summary>
    public bool IsRetired { get; }

    /// <summary>Every transfer syntax this library names.</summary>
    public static IReadOnlyCollection<DicomTransferSyntax> All => Known.Values;

    /// <summary>
    /// The syntax for <paramref name="uid"/> (trailing NUL and spaces ignored); an unknown UID yields an Explicit VR
    /// Little Endian encapsulated syntax named "Unknown Transfer Syntax".
    /// </summary>
    public static DicomTransferSyntax Lookup(string uid)
    {
        ArgumentNullException.ThrowIfNull(uid);
        var trimmed = uid.TrimEnd('\0', ' ');
        return Known.TryGetValue(trimmed, out var syntax) ? syntax : new DicomTransferSyntax(trimmed, "Unknown Transfer Syntax");
    }

    /// <summary>True when <paramref name="uid"/> names a syntax this library lists.</summary>
    public static bool IsKnown(string uid) => Known.ContainsKey(uid.TrimEnd('\0', ' '));

    /// <inheritdoc />
    public override string ToString() => $"{Name} ({Uid})";

    /// <inheritdoc />
    public bool Equals(DicomTransferSyntax? other) => other is not null && string.Equals(Uid, other.Uid, StringComparison.Ordinal);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Uid);

    private static DicomTransferSyntax Add(string uid, string name, bool explicitVR = true, bool bigEndian = false, bool deflated = false,
        bool encapsulated = true, bool retired = false)
    {
        var syntax = new DicomTransferSyntax(uid, name, explicitVR, bigEndian, deflated, encapsulated, retired);
        Known.Add(uid, syntax);
        return syntax;
    }
}
