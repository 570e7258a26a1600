using Hydra.Dicom.Imaging;
using Hydra.Dicom.Redaction.Ocr;

namespace Hydra.Dicom.Redaction.Scanning;

/// <summary>Text found in one candidate: what OCR read, and the boxes to blank (words with margin, and the busy cells).</summary>
internal sealed record TextFinding(Candidate Candidate, IReadOnlyList<Box> Blank);

/// <summary>
/// Scans one frame: each plane through the pre-filter, each candidate box read by OCR (both polarities); a box holds
/// text when one word has enough confidence and characters (or many characters: Tesseract doubts names it cannot
/// spell), and then every word OCR saw in it is blanked with margin, and the busy cells around it too, since OCR may
/// have read only part of a line.
/// </summary>
internal sealed class FrameScanner(TextRecognizer recognizer, PixelCleaningOptions options)
{
    /// <summary>
    /// The text in a frame: everywhere the pre-filter points, or only in <paramref name="within"/> (the boxes a
    /// previous scan found text in, to verify a blanked frame).
    /// </summary>
    public List<TextFinding> Scan(PixelLayout layout, ReadOnlyMemory<byte> frame, VoiWindow? window, IReadOnlyList<Candidate>? within, CancellationToken cancellationToken)
    {
        var planes = FrameDecoder.Decode(layout, frame, window, options.MinimumContrast);
        try
        {
            var findings = new List<TextFinding>();
            foreach (var plane in planes)
            {
                var whole = false;
                var boxes = within ?? CandidateFinder.Find(plane.CountBusyRows(options.MinimumContrast, options.MinimumTransitions), plane.Width, plane.Height, options, out whole);
                foreach (var candidate in boxes)
                {
                    var blank = ReadBox(plane, candidate, cancellationToken);
                    if (blank.Count > 0)
                    {
                        findings.Add(new TextFinding(candidate, blank));
                    }
                }
            }

            return findings;
        }
        finally
        {
            foreach (var plane in planes)
            {
                plane.Dispose();
            }
        }
    }

    private List<Box> ReadBox(FramePlane plane, Candidate candidate, CancellationToken cancellationToken)
    {
        // A candidate at the scale that brings a line to ~30-60 px; a whole frame as it is.
        var box = candidate.Read;
        var scale = box.Height <= 72 ? 3 : box.Height <= 160 ? 2 : 1;
        var words = CropReader.Read(recognizer, plane, box, scale, options.MinimumContrast / 2, cancellationToken);

        if (!words.Any(IsText))
        {
            return [];
        }

        // Text is here: blank every word OCR saw in the box, also the less certain ones (a digit read as a letter).
        var floor = options.MinimumConfidence / 2;
        var blank = words
            .Where(w => w.Confidence >= floor && w.Text.Any(char.IsLetterOrDigit))
            .Select(w =>
            {
                var margin = Math.Max(options.MarginPixels, (int)Math.Ceiling(w.Height * options.MarginFraction));
                return new Box(w.X, w.Y, w.Width, w.Height).Inflate(margin, plane.Width, plane.Height);
            })
            .ToList();
        if (!candidate.Core.IsEmpty)
        {
            blank.Add(candidate.Core.Inflate(TransitionCounter.Cell / 2, plane.Width, plane.Height));
        }

        return blank;
    }

    private bool IsText(RecognizedWord word)
    {
        var characters = word.Text.Count(char.IsLetterOrDigit);
        return characters >= 2 * options.MinimumCharacters || (word.Confidence >= options.MinimumConfidence && characters >= options.MinimumCharacters);
    }
}
