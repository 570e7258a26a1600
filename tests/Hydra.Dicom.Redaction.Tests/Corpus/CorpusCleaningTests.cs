using System.Globalization;
using System.Text;
using Hydra.Dicom.Deidentification;
using Hydra.Testing;
using Hydra.Testing.Pixels;
using Xunit.Abstractions;

namespace Hydra.Dicom.Redaction.Tests.Corpus;

/// <summary>The issue's three assertions over the whole generated corpus, checked by the independent reader.</summary>
[Collection(CorpusCollection.Name)]
public sealed class CorpusCleaningTests(CorpusFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task TextImages_ReaderFindsStringsInOriginal_AndNoneAfterCleaning()
    {
        // Arrange
        var texts = fixture.Cleaned.Values.Where(c => c.Image.HasText).OrderBy(c => c.Image.File, StringComparer.Ordinal).ToList();
        Assert.True(texts.Count >= 30, $"the corpus has {texts.Count} images with text");

        // Act
        var reads = await Task.WhenAll(texts.Select(async c => (c,
            Before: await TesseractReader.ReadAsync(c.OriginalPath),
            After: await TesseractReader.ReadAsync(c.CleanedPath)))).TimeoutAfter(TimeSpan.FromMinutes(20));

        // Assert
        var failures = new StringBuilder();
        foreach (var (c, before, after) in reads)
        {
            var unseen = c.Image.Strings.Where(s => !TesseractReader.Leaks(s, before)).ToList();
            var leaked = TesseractReader.Leaks(c.Image.Strings, after);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{c.Image.File}: {Outcome(c.Result)} regions {c.Result.Regions.Count}, {c.Elapsed.TotalMilliseconds:F0} ms; unseen in original {unseen.Count}, leaked {leaked.Count}"));
            if (c.Result.IsQuarantined)
            {
                failures.AppendLine(CultureInfo.InvariantCulture, $"{c.Image.File} was quarantined: {c.Result.Quarantine.Code}");
            }

            if (unseen.Count > 0)
            {
                failures.AppendLine(CultureInfo.InvariantCulture, $"{c.Image.File}: the reader does not see '{string.Join("', '", unseen)}' in the original (the test would be vacuous)");
            }

            if (leaked.Count > 0)
            {
                failures.AppendLine(CultureInfo.InvariantCulture, $"{c.Image.File}: '{string.Join("', '", leaked)}' still readable after cleaning");
            }
        }

        Assert.True(failures.Length == 0, failures.ToString());
    }

    [Fact]
    public void TextFreeImages_LessThanOnePercentOfPixelsChanged()
    {
        var free = fixture.Cleaned.Values.Where(c => !c.Image.HasText).ToList();
        Assert.True(free.Count >= 10, $"the corpus has {free.Count} text-free images");
        foreach (var c in free.OrderBy(c => c.Image.File, StringComparer.Ordinal))
        {
            var changed = PixelDiff.Changed(c.OriginalPath, c.CleanedPath).Count;
            var total = (long)c.Image.Width * c.Image.Height * c.Image.Frames;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{c.Image.File}: {Outcome(c.Result)}, {changed} of {total} pixels changed ({100.0 * changed / total:F3}%), {c.Elapsed.TotalMilliseconds:F1} ms"));
            Assert.False(c.Result.IsQuarantined, $"{c.Image.File} was quarantined");
            Assert.True(changed < total / 100, $"{c.Image.File}: {changed} of {total} pixels changed");
        }
    }

    [Fact]
    public void EveryImage_PixelsOutsideRegionsAreBitIdentical()
    {
        foreach (var c in fixture.Cleaned.Values)
        {
            var outside = PixelDiff.Changed(c.OriginalPath, c.CleanedPath)
                .Where(p => !c.Result.Regions.Any(r => r.Frame == p.Frame && p.X >= r.X && p.X < r.X + r.Width && p.Y >= r.Y && p.Y < r.Y + r.Height))
                .ToList();
            Assert.True(outside.Count == 0, $"{c.Image.File}: {outside.Count} pixels changed outside the blanked regions");
        }
    }

    // Stricter than the issue asks (no string readable): the whole drawn box is blanked. Not over noise, which is read
    // whole-frame: there only confidently read words (grown along their line) are blanked, and the leak test above
    // is what shows nothing readable is left.
    [Fact]
    public void TextImages_EveryDrawnBoxIsInsideABlankedRegionOfItsFrame()
    {
        foreach (var c in fixture.Cleaned.Values.Where(c => c.Image.HasText && !c.Image.File.Contains("noise", StringComparison.Ordinal)))
        {
            foreach (var box in c.Image.Boxes)
            {
                var covered = CoveredFraction(box, c.Result.Regions.Where(r => r.Frame == box.Frame).ToList());
                Assert.True(covered > 0.95, $"{c.Image.File} frame {box.Frame}: only {covered:P0} of a drawn box is blanked");
            }
        }
    }

    [Fact]
    public void MultiFrame_FramesWithoutTextAreUntouched()
    {
        foreach (var c in fixture.Cleaned.Values.Where(c => c.Image.Frames > 1))
        {
            Assert.Equal(c.Image.Frames, c.Result.FramesScanned);
            var textFrames = c.Image.Boxes.Select(b => b.Frame).ToHashSet();
            var changedFrames = PixelDiff.Changed(c.OriginalPath, c.CleanedPath).Select(p => p.Frame).ToHashSet();
            Assert.Subset(textFrames, changedFrames);
            Assert.True(changedFrames.SetEquals(textFrames), $"{c.Image.File}: frames {string.Join(',', changedFrames)} changed, text on {string.Join(',', textFrames)}");
        }
    }

    internal static double CoveredFraction(DrawnText box, IReadOnlyList<PixelRegion> regions)
    {
        var covered = 0;
        for (var y = box.Y; y < box.Y + box.Height; y++)
        {
            for (var x = box.X; x < box.X + box.Width; x++)
            {
                covered += regions.Any(r => x >= r.X && x < r.X + r.Width && y >= r.Y && y < r.Y + r.Height) ? 1 : 0;
            }
        }

        return (double)covered / Math.Max(1, box.Width * box.Height);
    }

    private static string Outcome(PixelCleaning result) =>
        result.IsQuarantined ? $"quarantined {result.Quarantine.Code}" : result.PixelData is null ? "nothing found" : "redacted";
}
