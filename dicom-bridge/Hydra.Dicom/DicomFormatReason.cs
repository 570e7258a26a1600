namespace Hydra.Dicom;

/// <summary>Why encoded DICOM data was rejected; see <see cref="DicomFormatException"/>.</summary>
public enum DicomFormatReason
{
    /// <summary>The input ended inside an element header, a value, an item or a sequence.</summary>
    UnexpectedEndOfData,

    /// <summary>A value, item or sequence length runs past the end of the input or of its enclosing item.</summary>
    LengthExceedsRemaining,

    /// <summary>An explicit VR header holds two bytes that are not a VR of PS3.5 Table 6.2-1.</summary>
    InvalidVR,

    /// <summary>A length that PS3.5 does not allow here, e.g. undefined length on a VR other than SQ, UN, OB or OW.</summary>
    InvalidLength,

    /// <summary>A tag that cannot appear here, e.g. a non-item tag directly inside a sequence.</summary>
    UnexpectedTag,

    /// <summary>A value is longer than <see cref="IO.DicomReaderOptions.MaxValueLength"/>.</summary>
    ValueTooLong,

    /// <summary>Sequences nest deeper than <see cref="IO.DicomReaderOptions.MaxNestingDepth"/>.</summary>
    NestingTooDeep,

    /// <summary>A sequence or fragment list holds more items than <see cref="IO.DicomReaderOptions.MaxItemsPerSequence"/>.</summary>
    TooManyItems,

    /// <summary>The data set holds more elements, items and fragments than <see cref="IO.DicomReaderOptions.MaxElements"/>.</summary>
    TooManyElements,

    /// <summary>The encoded data set is longer than <see cref="IO.DicomReaderOptions.MaxDatasetLength"/>.</summary>
    DatasetTooLong,

    /// <summary>The deflated data set (PS3.5 A.5) is not valid raw deflate.</summary>
    InvalidDeflate,

    /// <summary>
    /// An element has a VR that PS3.10 does not allow for it and that cannot be read as it must be, e.g. Transfer
    /// Syntax UID (0002,0010) encoded as UL instead of UI.
    /// </summary>
    UnexpectedVR,
}
