namespace Hydra.Dicom.Deidentification;

/// <summary>Why an image was sent to quarantine instead of out.</summary>
public enum QuarantineCode
{
    /// <summary>Burned In Annotation (0028,0301) is YES.</summary>
    BurnedInAnnotation,

    /// <summary>(0028,0301) is not NO and the image is of a kind known for burned-in text.</summary>
    BurnedInAnnotationRisk,

    /// <summary>Recognizable Visual Features (0028,0302) is YES.</summary>
    RecognizableVisualFeatures,

    /// <summary>SOP Class UID (0008,0016) or SOP Instance UID (0008,0018) is missing or empty.</summary>
    MissingRequiredAttribute,

    /// <summary>The data set could not be processed (e.g. text its character set cannot encode).</summary>
    InvalidDataset,

    /// <summary>The pixels cannot be scanned for burned-in text here (e.g. a compressed transfer syntax not decoded here).</summary>
    PixelDataNotScannable,

    /// <summary>Text was found that the cleaning policy does not blank automatically (e.g. over too large a part of the image).</summary>
    TextBeyondPolicy,

    /// <summary>Text was still found after the pixels were cleaned.</summary>
    TextRemainsAfterCleaning,
}
