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
        // A candidate at the scale that brings a line to ~30-60 px; a frame up to 320 px doubled, a larger one as it is.
        var box = candidate.Read;
        var scale = box.Height <= 72 ? 3 : box.Height <= 320 ? 2 : 1;
        var words = CropReader.Read(recognizer, plane, box, scale, options.MinimumContrast / 2, cancellationToken);

        var wholeFrame = candidate.Core.IsEmpty;
        if (!words.Any(w => IsText(w, wholeFrame)))
        {
            return [];
        }

        // Text is here: blank every word OCR saw in the box, also the less certain ones (a digit read as a letter).
        var floor = options.MinimumConfidence / 2;
        // A whole frame (noise, speckle) gives garbage words too: there only words that count as text are blanked.
        var blank = words
            .Where(w => wholeFrame ? IsText(w, wholeFrame) : w.Confidence >= floor && w.Text.Any(char.IsLetterOrDigit))
            .Select(w =>
            {
                var margin = Math.Max(options.MarginPixels, (int)Math.Ceiling(w.Height * options.MarginFraction));
                return new Box(w.X, w.Y, w.Width, w.Height).Inflate(margin, plane.Width, plane.Height);
            })
            .ToList();
        blank = JoinLines(blank);
        if (!wholeFrame)
        {
            blank.Add(candidate.Core.Inflate(TransitionCounter.Cell / 2, plane.Width, plane.Height));
        }
        else
        {
            // A whole frame (noise, texture) has no busy cells to fall back on: lines grow by two heights sideways,
            // for short words OCR missed at their ends, and by half a height up and down.
            blank = blank.Select(b => Box.FromEdges(
                Math.Max(0, b.X - (2 * b.Height)), Math.Max(0, b.Y - (b.Height / 2)), Math.Min(plane.Width, b.Right + (2 * b.Height)), Math.Min(plane.Height, b.Bottom + (b.Height / 2)))).ToList();
        }

        return blank;
    }

    // Words of one line (overlapping rows, a gap under a line's height) become one box: OCR may skip a character
    // or a short word between two it read.
    private static List<Box> JoinLines(List<Box> boxes)
    {
        for (var joined = true; joined;)
        {
            joined = false;
            for (var i = 0; i < boxes.Count && !joined; i++)
            {
                for (var j = i + 1; j < boxes.Count; j++)
                {
                    var (a, b) = (boxes[i], boxes[j]);
                    var overlap = Math.Min(a.Bottom, b.Bottom) - Math.Max(a.Y, b.Y);
                    var gap = Math.Max(a.X, b.X) - Math.Min(a.Right, b.Right);
                    if (overlap > Math.Min(a.Height, b.Height) / 2 && gap < Math.Max(a.Height, b.Height))
                    {
                        boxes[i] = a.Union(b);
                        boxes.RemoveAt(j);
                        joined = true;
                        break;
                    }
                }
            }
        }

        return boxes;
    }

    // Long words count whatever their confidence in a candidate box, not in a whole frame of noise.
    private bool IsText(RecognizedWord word, bool wholeFrame)
    {
        var characters = word.Text.Count(char.IsLetterOrDigit);
        return (!wholeFrame && characters >= 2 * options.MinimumCharacters) || (word.Confidence >= options.MinimumConfidence && characters >= options.MinimumCharacters);
    }
}
