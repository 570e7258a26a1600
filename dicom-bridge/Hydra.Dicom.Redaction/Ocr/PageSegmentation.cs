namespace Hydra.Dicom.Redaction.Ocr;

/// <summary>Tesseract's page segmentation modes (TessPageSegMode) that suit scanning images for burned-in text.</summary>
public enum PageSegmentation
{
    /// <summary>PSM_AUTO: full layout analysis.</summary>
    Auto = 3,

    /// <summary>PSM_SINGLE_BLOCK: one uniform block of text, e.g. a crop around a text candidate.</summary>
    SingleBlock = 6,

    /// <summary>PSM_SINGLE_LINE: the crop is one line of text.</summary>
    SingleLine = 7,

    /// <summary>PSM_SPARSE_TEXT: as much text as possible in no particular order, e.g. a whole frame with annotations.</summary>
    SparseText = 11,
}
