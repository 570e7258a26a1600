namespace Hydra.Dicom.Redaction.Ocr;

/// <summary>
/// A word Tesseract recognised: its box in the image's pixels (origin top left), its confidence (0-100) and its text.
/// The text is identifying by nature: it may be inspected in memory to decide, and is never logged, stored or put
/// into a message.
/// </summary>
public readonly record struct RecognizedWord(int X, int Y, int Width, int Height, float Confidence, string Text);
