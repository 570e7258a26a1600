using System.IO.Compression;

namespace Hydra.Dicom.IO;

/// <summary>Choices for encoding data sets and files.</summary>
public sealed record DicomWriterOptions
{
    /// <summary>The defaults below.</summary>
    public static DicomWriterOptions Default { get; } = new();

    /// <summary>How sequence and item lengths are encoded. Default <see cref="DicomLengthEncoding.Preserve"/>.</summary>
    public DicomLengthEncoding SequenceLengths { get; init; } = DicomLengthEncoding.Preserve;

    /// <summary>What happens to group length elements (gggg,0000). Default <see cref="DicomGroupLengths.Recalculate"/>.</summary>
    public DicomGroupLengths GroupLengths { get; init; } = DicomGroupLengths.Recalculate;

    /// <summary>Compression level for Deflated Explicit VR Little Endian. Default <see cref="CompressionLevel.Optimal"/>.</summary>
    public CompressionLevel DeflateLevel { get; init; } = CompressionLevel.Optimal;
}
