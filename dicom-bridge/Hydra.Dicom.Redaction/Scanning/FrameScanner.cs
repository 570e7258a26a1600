using Hydra.Dicom.Imaging;
using Hydra.Dicom.Redaction.Ocr;

namespace Hydra.Dicom.Redaction.Scanning;

/// <summary>Text found in one candidate box: the box OCR read, and the word boxes (with margin) to blank.</summary>
internal sealed record TextFinding(Box Candidate, IReadOnlyList<Box> Words);

/// <summary>
/// Scans one frame: each plane through the pre-filter, each candidate box read by OCR (both polarities); a box holds
/// text when one word has enough confidence and characters, and then every word OCR saw in it is blanked, with margin.
/// </summary>
internal sealed class FrameScanner(TextRecognizer recognizer, PixelCleaningOptions options)
{
    /// <summary>
    /// The text in a frame: everywhere the pre-filter points, or only in <paramref name="within"/> (the boxes a
    /// previous scan found text in, to verify a blanked frame).
    /// </summary>
    public List<TextFinding> Scan(PixelLayout layout, ReadOnlyMemory<byte> frame, VoiWindow? window, IReadOnlyList<Box>? within, CancellationToken cancellationToken)
    {
        var planes = FrameDecoder.Decode(layout, frame, window, options.MinimumContrast);
        try
        {
            var findings = new List<TextFinding>();
            foreach (var plane in planes)
            {
                var whole = false;
                var boxes = within ?? CandidateFinder.Find(plane.CountBusyRows(options.MinimumContrast, options.MinimumTransitions), plane.Width, plane.Height, options, out whole);
                foreach (var box in boxes)
                {
                    var words = ReadBox(plane, box, whole || box.Area == (long)plane.Width * plane.Height, cancellationToken);
                    if (words.Count > 0)
                    {
                        findings.Add(new TextFinding(box, words));
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

    private List<Box> ReadBox(FramePlane plane, Box box, bool wholeFrame, CancellationToken cancellationToken)
    {
        // Whole frames at x1 and x2 (small text needs x2); a candidate at the scale that brings a line to ~30-60 px.
        int[] scales = wholeFrame ? [1, 2] : [box.Height <= 72 ? 3 : box.Height <= 160 ? 2 : 1];
        var words = new List<RecognizedWord>();
        foreach (var scale in scales)
        {
            words.AddRange(CropReader.Read(recognizer, plane, box, scale, cancellationToken));
        }

        if (!words.Any(IsText))
        {
            return [];
        }

        // Text is here: blank every word OCR saw in the box, also the less certain ones (a digit read as a letter).
        var floor = options.MinimumConfidence / 2;
        return words
            .Where(w => w.Confidence >= floor && w.Text.Any(char.IsLetterOrDigit))
            .Select(w =>
            {
                var margin = Math.Max(options.MarginPixels, (int)Math.Ceiling(w.Height * options.MarginFraction));
                return new Box(w.X, w.Y, w.Width, w.Height).Inflate(margin, plane.Width, plane.Height);
            })
            .ToList();
    }

    private bool IsText(RecognizedWord word) =>
        word.Confidence >= options.MinimumConfidence && word.Text.Count(char.IsLetterOrDigit) >= options.MinimumCharacters;
}
