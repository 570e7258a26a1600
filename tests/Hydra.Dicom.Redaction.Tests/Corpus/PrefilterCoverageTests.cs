using System.Globalization;
using Hydra.Dicom.Imaging;
using Hydra.Dicom.Redaction.Scanning;
using Xunit.Abstractions;

namespace Hydra.Dicom.Redaction.Tests.Corpus;

/// <summary>The pre-filter alone: its candidate boxes cover every drawn text box of the corpus, and skip text-free frames.</summary>
[Collection(CorpusCollection.Name)]
public sealed class PrefilterCoverageTests(CorpusFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public void EveryDrawnTextBox_IsInsideCandidateBoxes()
    {
        var options = CorpusFixture.Options();
        var misses = new List<string>();
        foreach (var image in fixture.Corpus.Images.Where(i => i.HasText))
        {
            var file = DicomFile.Open(fixture.Corpus.PathOf(image));
            var frames = PixelFrames.Of(file);
            var window = frames.Layout.SamplesPerPixel == 1 ? FrameRenderer.DatasetWindow(file.Dataset) : null;
            foreach (var drawn in image.Boxes)
            {
                var candidates = Candidates(frames, drawn.Frame, window, options);
                var box = new Box(drawn.X, drawn.Y, drawn.Width, drawn.Height);
                var covered = candidates.Any(c => c.Contains(box));
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{image.File} frame {drawn.Frame}: drawn {box}, candidates {string.Join(' ', candidates)}: {(covered ? "covered" : "MISSED")}"));
                if (!covered)
                {
                    misses.Add($"{image.File} frame {drawn.Frame} {box}");
                }
            }
        }

        Assert.True(misses.Count == 0, "not covered: " + string.Join("; ", misses));
    }

    [Fact]
    public void TextFreeAnatomy_HasNoCandidates()
    {
        var options = CorpusFixture.Options();
        foreach (var image in fixture.Corpus.Images.Where(i => !i.HasText && !i.File.Contains("noise", StringComparison.Ordinal)))
        {
            var file = DicomFile.Open(fixture.Corpus.PathOf(image));
            var frames = PixelFrames.Of(file);
            var window = frames.Layout.SamplesPerPixel == 1 ? FrameRenderer.DatasetWindow(file.Dataset) : null;
            for (var n = 1; n <= frames.Count; n++)
            {
                var candidates = Candidates(frames, n, window, options);
                output.WriteLine($"{image.File} frame {n}: {candidates.Count} candidates {string.Join(' ', candidates)}");
                Assert.True(candidates.Sum(c => c.Area) < (long)frames.Layout.Rows * frames.Layout.Columns / 10, $"{image.File} frame {n}: {string.Join(' ', candidates)}");
            }
        }
    }

    internal static List<Box> Candidates(PixelFrames frames, int n, VoiWindow? window, PixelCleaningOptions options)
    {
        var planes = FrameDecoder.Decode(frames.Layout, frames.Frame(n), window, options.MinimumContrast);
        try
        {
            return planes.SelectMany(p => CandidateFinder.Find(p.CountBusyRows(options.MinimumContrast, options.MinimumTransitions), p.Width, p.Height, options, out _)).Select(c => c.Read).ToList();
        }
        finally
        {
            foreach (var plane in planes)
            {
                plane.Dispose();
            }
        }
    }
}
