using Hydra.Dicom.Redaction.Devices;
using Hydra.Dicom.Redaction.Ocr;

namespace Hydra.Dicom.Redaction;

/// <summary>
/// How the pixel cleaner looks for burned-in text and what it blanks (bound from <c>Bridge:PixelCleaning</c>). The
/// defaults are the ones the corpus tests and BENCHMARKS.md were measured with.
/// </summary>
public sealed class PixelCleaningOptions
{
    /// <summary>
    /// Whether the host scans pixels at all (read by the bridge, which then creates no cleaner: images it cannot vouch
    /// for are quarantined on their headers, as before pixel cleaning existed). Default true.
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Pre-filter: grey levels (of the frame rendered at its window, 0-255) two neighbouring pixels must differ by to
    /// count as a stroke's edge. Text of less contrast than about twice this against its background may be missed. Default
    /// 40: the corpus's faintest text is found, and its text-free CT and MR frames have no candidate at all (at 32, bone
    /// texture at a soft-tissue window sent 5 of 10 text-free frames to OCR; at 44 one text box was missed).
    /// </summary>
    public int MinimumContrast { get; set; } = 40;

    /// <summary>Pre-filter: edges in a 16-pixel row segment that make it busy (text crosses a row often; an organ's edge once). Default 3.</summary>
    public int MinimumTransitions { get; set; } = 3;

    /// <summary>Pre-filter: busy rows that make a 16x16 cell a text candidate. Default 2.</summary>
    public int MinimumBusyRows { get; set; } = 2;

    /// <summary>Pre-filter: above this fraction of a frame in candidates (noise), the whole frame is read instead. Default 0.4.</summary>
    public double MaxCandidateFraction { get; set; } = 0.4;

    /// <summary>OCR: a word counts as text from this confidence (0-100). Default 50.</summary>
    public float MinimumConfidence { get; set; } = 50;

    /// <summary>OCR: a word counts as text with at least this many letters and digits. Default 3.</summary>
    public int MinimumCharacters { get; set; } = 3;

    /// <summary>Redaction: pixels blanked around each word's box at least. Default 3.</summary>
    public int MarginPixels { get; set; } = 3;

    /// <summary>Redaction: the margin as a fraction of the word's height, when larger than <see cref="MarginPixels"/>. Default 0.25.</summary>
    public double MarginFraction { get; set; } = 0.25;

    /// <summary>Policy: text over more than this fraction of a frame is not blanked but quarantined (TextBeyondPolicy: scanned forms, reports). Default 0.25.</summary>
    public double MaxTextFraction { get; set; } = 0.25;

    /// <summary>Known device regions (rectangles by manufacturer, model, modality and size), blanked before OCR.</summary>
    public IList<DeviceRegionRule> DeviceRegions { get; set; } = [];

    /// <summary>Where Tesseract's model is and how many engines run.</summary>
    public TextRecognizerOptions Recognizer { get; set; } = new();

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first setting that is wrong.</summary>
    public void Validate()
    {
        Require(MinimumContrast is >= 2 and <= 255, nameof(MinimumContrast), "must be between 2 and 255");
        Require(MinimumTransitions is >= 1 and <= 16, nameof(MinimumTransitions), "must be between 1 and 16");
        Require(MinimumBusyRows is >= 1 and <= 16, nameof(MinimumBusyRows), "must be between 1 and 16");
        Require(MaxCandidateFraction is > 0 and <= 1, nameof(MaxCandidateFraction), "must be above 0 and at most 1");
        Require(MinimumConfidence is >= 0 and <= 100, nameof(MinimumConfidence), "must be between 0 and 100");
        Require(MinimumCharacters is >= 1 and <= 32, nameof(MinimumCharacters), "must be between 1 and 32");
        Require(MarginPixels is >= 0 and <= 64, nameof(MarginPixels), "must be between 0 and 64");
        Require(MarginFraction is >= 0 and <= 2, nameof(MarginFraction), "must be between 0 and 2");
        Require(MaxTextFraction is > 0 and <= 1, nameof(MaxTextFraction), "must be above 0 and at most 1");
        Require(DeviceRegions is not null, nameof(DeviceRegions), "must be a list (empty for none)");
        Require(Recognizer is not null, nameof(Recognizer), "must be set");
        for (var i = 0; i < DeviceRegions!.Count; i++)
        {
            DeviceRegions[i].Validate($"{nameof(DeviceRegions)}[{i}]");
        }

        Recognizer!.Validate();
    }

    private static void Require(bool condition, string setting, string rule)
    {
        if (!condition)
        {
            throw new ArgumentException($"PixelCleaning:{setting} {rule}.", setting);
        }
    }
}
