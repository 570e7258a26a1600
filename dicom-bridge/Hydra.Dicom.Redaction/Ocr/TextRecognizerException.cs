namespace Hydra.Dicom.Redaction.Ocr;

/// <summary>Tesseract could not be loaded or run: the message names the library, model or call, never image content.</summary>
public sealed class TextRecognizerException : Exception
{
    public TextRecognizerException(string message)
        : base(message)
    {
    }

    public TextRecognizerException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
