using System.Globalization;

namespace Hydra.Dicom;

/// <summary>
/// Encoded DICOM data is malformed or breaks a configured limit. Names the byte offset (from the start of the input,
/// or of the inflated data set for deflated syntaxes), the element and the reason; never a value, which may identify
/// a patient.
/// </summary>
public sealed class DicomFormatException : DicomException
{
    public DicomFormatException()
    {
    }

    public DicomFormatException(string message)
        : base(message)
    {
    }

    public DicomFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the error for <paramref name="reason"/> at <paramref name="offset"/> in element <paramref name="tag"/>.</summary>
    public DicomFormatException(DicomFormatReason reason, long offset, DicomTag? tag, string detail, Exception? innerException = null)
        : base(Describe(reason, offset, tag, detail), innerException)
    {
        Reason = reason;
        Offset = offset;
        Tag = tag;
        Detail = detail;
    }

    /// <summary>Why the data was rejected.</summary>
    public DicomFormatReason Reason { get; }

    /// <summary>Byte offset of the offending element header (or of the end of data for truncation).</summary>
    public long Offset { get; }

    /// <summary>The element being read, when known.</summary>
    public DicomTag? Tag { get; }

    /// <summary>The specific finding, e.g. "value length 8192 exceeds the 8130 bytes remaining".</summary>
    public string Detail { get; } = string.Empty;

    private static string Describe(DicomFormatReason reason, long offset, DicomTag? tag, string detail)
    {
        var where = tag is { } t ? $" in {t.ToDisplayString()}" : string.Empty;
        return string.Create(CultureInfo.InvariantCulture, $"{reason} at offset {offset}{where}: {detail}");
    }
}
