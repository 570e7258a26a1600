namespace Hydra.Dicom;

/// <summary>How a file read by <see cref="DicomFile"/> was laid out.</summary>
public enum DicomFileLayout
{
    /// <summary>PS3.10 7.1: 128-byte preamble, "DICM", File Meta Information, data set.</summary>
    Part10,

    /// <summary>File Meta Information without the preamble (with or without "DICM").</summary>
    MetaWithoutPreamble,

    /// <summary>A bare data set (ACR-NEMA style); the transfer syntax was inferred from its first element.</summary>
    DatasetOnly,
}
