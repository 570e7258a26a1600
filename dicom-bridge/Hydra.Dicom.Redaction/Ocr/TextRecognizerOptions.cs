namespace Hydra.Dicom.Redaction.Ocr;

/// <summary>Where Tesseract's model is and how many engines may run at once.</summary>
public sealed class TextRecognizerOptions
{
    /// <summary>Debian's tessdata folder (package tesseract-ocr-eng installs eng.traineddata there).</summary>
    public const string DebianDataPath = "/usr/share/tesseract-ocr/5/tessdata";

    /// <summary>The folder holding <c>&lt;Language&gt;.traineddata</c>. Default: Debian's.</summary>
    public string DataPath { get; set; } = DebianDataPath;

    /// <summary>The model's language code(s), Tesseract style ("eng", "eng+deu"). Default: eng.</summary>
    public string Language { get; set; } = "eng";

    /// <summary>
    /// Engines kept loaded (each holds its own copy of the model, about 40 MB with eng); at most this many images are
    /// read at once. Default: one per processor.
    /// </summary>
    public int Engines { get; set; } = Environment.ProcessorCount;

    /// <summary>Throws an <see cref="ArgumentException"/> naming the setting that is wrong.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(DataPath))
        {
            throw new ArgumentException("DataPath must name Tesseract's tessdata folder.", nameof(DataPath));
        }

        if (string.IsNullOrWhiteSpace(Language) || Language.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '+' or '_')))
        {
            throw new ArgumentException("Language must be Tesseract language codes joined by '+', e.g. eng.", nameof(Language));
        }

        if (Engines is < 1 or > 64)
        {
            throw new ArgumentException("Engines must be between 1 and 64.", nameof(Engines));
        }
    }
}
