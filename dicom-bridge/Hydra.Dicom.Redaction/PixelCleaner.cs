using System.Globalization;
using Hydra.Dicom.Deidentification;
using Hydra.Dicom.Dictionary;
using Hydra.Dicom.Imaging;
using Hydra.Dicom.Redaction.Blanking;
using Hydra.Dicom.Redaction.Ocr;
using Hydra.Dicom.Redaction.Scanning;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hydra.Dicom.Redaction;

/// <summary>
/// Finds burned-in text in every frame of an image and blanks it (PS3.15 E.3.1): known device regions first, then a
/// cheap pre-filter that points OCR (Tesseract, both polarities) at text-like boxes, then the words blanked with a
/// margin in the native pixel data and the frame scanned again. Native pixel data only: encapsulated (compressed)
/// images and photometric interpretations not handled here are quarantined, as is text beyond the policy. Thread-safe.
/// </summary>
public sealed partial class PixelCleaner : IPixelCleaner, IDisposable
{
    private readonly PixelCleaningOptions _options;
    private readonly TextRecognizer _recognizer;
    private readonly FrameScanner _scanner;
    private readonly ILogger _logger;

    /// <summary>Loads the OCR model (throws naming the missing library or model package).</summary>
    public PixelCleaner(PixelCleaningOptions options, ILogger<PixelCleaner>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _recognizer = new TextRecognizer(options.Recognizer);
        _scanner = new FrameScanner(_recognizer, options);
        _logger = logger ?? NullLogger<PixelCleaner>.Instance;
    }

    /// <inheritdoc />
    public PixelCleaning Clean(DicomFile original, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(original);
        var element = original.Dataset[DicomTags.PixelData];
        if (element is null)
        {
            return PixelCleaning.NoPixelData;
        }

        if (element is not DicomValueElement)
        {
            return NotScannable($"The Pixel Data is encapsulated in {original.TransferSyntax}; only native pixel data (Implicit/Explicit VR Little Endian, Explicit VR Big Endian, Deflated) is scanned for burned-in text.");
        }

        PixelFrames frames;
        try
        {
            // The layout first: a photometric not scanned here is named even when its data is not cut like ours.
            if (FrameDecoder.Unsupported(PixelLayout.Of(original.Dataset)) is { } reason)
            {
                return NotScannable(reason);
            }

            frames = PixelFrames.Of(original);
        }
        catch (DicomImagingException e)
        {
            return NotScannable(e.Message);
        }

        var layout = frames.Layout;
        var result = new Cleaning(original.Dataset, frames);
        BlankDeviceRegions(original.Dataset, result);
        var window = layout.SamplesPerPixel == 1 ? FrameRenderer.DatasetWindow(original.Dataset) : null;
        for (var n = 1; n <= frames.Count; n++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var outcome = CleanFrame(result, n, window, cancellationToken);
            if (outcome is not null)
            {
                LogQuarantined(_logger, outcome.Code, n, result.Regions.Count);
                return PixelCleaning.Quarantined(outcome, result.Regions);
            }
        }

        LogCleaned(_logger, frames.Count, result.Regions.Count);
        return result.Pixels is null ? PixelCleaning.NothingFound(frames.Count) : PixelCleaning.Redacted(frames.Count, result.Pixels, result.Regions);
    }

    public void Dispose() => _recognizer.Dispose();

    private static PixelCleaning NotScannable(string detail) =>
        PixelCleaning.Quarantined(new QuarantineReason(QuarantineCode.PixelDataNotScannable, detail));

    private void BlankDeviceRegions(DicomDataset dataset, Cleaning cleaning)
    {
        var layout = cleaning.Frames.Layout;
        var boxes = _options.DeviceRegions
            .Where(rule => rule.Matches(dataset))
            .SelectMany(rule => rule.Regions)
            .Select(r => Box.FromEdges(r.X, r.Y, Math.Min(layout.Columns, r.X + r.Width), Math.Min(layout.Rows, r.Y + r.Height)))
            .Where(b => !b.IsEmpty)
            .ToList();
        for (var n = 1; boxes.Count > 0 && n <= cleaning.Frames.Count; n++)
        {
            cleaning.Blank(n, boxes, PixelRegionSource.DeviceRegion);
        }
    }

    // Scans frame n, blanks what it finds, scans the blanked boxes again (once more blanking whole candidate boxes);
    // returns a quarantine reason, or null when the frame is clean.
    private QuarantineReason? CleanFrame(Cleaning cleaning, int n, VoiWindow? window, CancellationToken cancellationToken)
    {
        var layout = cleaning.Frames.Layout;
        var findings = _scanner.Scan(layout, cleaning.Frame(n), window, null, cancellationToken);
        if (findings.Count == 0)
        {
            return null;
        }

        var words = Box.MergeOverlapping(findings.SelectMany(f => f.Blank));
        var area = words.Sum(b => b.Area);
        if (area > _options.MaxTextFraction * layout.Rows * layout.Columns)
        {
            cleaning.Regions.AddRange(words.Select(b => Region(n, b)));
            return new QuarantineReason(QuarantineCode.TextBeyondPolicy, string.Create(CultureInfo.InvariantCulture,
                $"Text covers more than {_options.MaxTextFraction:P0} of frame {n} (MaxTextFraction); it is not blanked automatically."));
        }

        cleaning.Blank(n, words, PixelRegionSource.RecognizedText);
        var candidates = findings.Select(f => f.Candidate).Distinct().ToList();
        for (var attempt = 0; attempt < 2; attempt++)
        {
            if (_scanner.Scan(layout, cleaning.Frame(n), window, candidates, cancellationToken).Count == 0)
            {
                return null;
            }

            // Text still shows: blank the whole candidate boxes it was found in, then look once more.
            cleaning.Blank(n, candidates.Select(c => c.Read).ToList(), PixelRegionSource.RecognizedText);
        }

        return new QuarantineReason(QuarantineCode.TextRemainsAfterCleaning, string.Create(CultureInfo.InvariantCulture,
            $"Text was still recognised in frame {n} after its candidate boxes were blanked."));
    }

    private static PixelRegion Region(int frame, Box box) => new(frame, box.X, box.Y, box.Width, box.Height, PixelRegionSource.RecognizedText);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Pixel cleaning: {Frames} frames scanned, {Regions} regions blanked")]
    private static partial void LogCleaned(ILogger logger, int frames, int regions);

    [LoggerMessage(Level = LogLevel.Information, Message = "Pixel cleaning quarantined the image ({Code}) at frame {Frame} with {Regions} regions found")]
    private static partial void LogQuarantined(ILogger logger, QuarantineCode code, int frame, int regions);

    /// <summary>One image's cleaning: the copy of its pixel data (made at the first blank) and the regions blanked.</summary>
    private sealed class Cleaning(DicomDataset dataset, PixelFrames frames)
    {
        public PixelFrames Frames { get; } = frames;

        public byte[]? Pixels { get; private set; }

        public List<PixelRegion> Regions { get; } = [];

        public ReadOnlyMemory<byte> Frame(int n) =>
            Pixels is null ? Frames.Frame(n) : Pixels.AsMemory((int)((n - 1) * Frames.Layout.FrameLength), (int)Frames.Layout.FrameLength);

        public void Blank(int n, IReadOnlyList<Box> boxes, PixelRegionSource source)
        {
            Pixels ??= dataset.Get<DicomValueElement>(DicomTags.PixelData)!.Value.ToArray();
            var length = (int)Frames.Layout.FrameLength;
            PixelBlanker.Blank(Pixels.AsSpan((n - 1) * length, length), Frames.Layout, boxes);
            Regions.AddRange(boxes.Select(b => new PixelRegion(n, b.X, b.Y, b.Width, b.Height, source)));
        }
    }
}
