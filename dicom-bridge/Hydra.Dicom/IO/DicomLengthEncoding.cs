namespace Hydra.Dicom.IO;

/// <summary>How the writer encodes the lengths of sequences and items (PS3.5 7.5.1).</summary>
public enum DicomLengthEncoding
{
    /// <summary>As each sequence and item was read (new ones: undefined length); defined lengths are recomputed.</summary>
    Preserve,

    /// <summary>Undefined length with delimitation items everywhere.</summary>
    Undefined,

    /// <summary>Explicit lengths everywhere (falls back to undefined length beyond 4 GiB).</summary>
    Defined,
}
