using Hydra.Dicom.Dictionary;
using Hydra.Dicom.Imaging;

namespace Hydra.Dicom.Redaction.Tests.Corpus;

/// <summary>Which pixels differ between an original and its cleaned file (any sample, any byte).</summary>
public static class PixelDiff
{
    /// <summary>The changed pixels as (frame from 1, x, y), each once.</summary>
    public static HashSet<(int Frame, int X, int Y)> Changed(string originalPath, string cleanedPath)
    {
        var original = DicomFile.Open(originalPath);
        var layout = PixelLayout.Of(original.Dataset);
        var before = original.Dataset.Get<DicomValueElement>(DicomTags.PixelData)!.Value.Span;
        var after = DicomFile.Open(cleanedPath).Dataset.Get<DicomValueElement>(DicomTags.PixelData)!.Value.Span;
        Assert.Equal(before.Length, after.Length);
        var frameLength = (int)layout.FrameLength;
        var count = layout.Rows * layout.Columns;
        var bytesPerSample = layout.BitsAllocated / 8;
        var changed = new HashSet<(int, int, int)>();
        for (var i = 0; i < frameLength * layout.NumberOfFrames; i++)
        {
            if (before[i] == after[i])
            {
                continue;
            }

            var (frame, within) = (i / frameLength, (i % frameLength) / bytesPerSample);
            var pixel = layout.PlanarConfiguration == 1 && layout.SamplesPerPixel > 1 ? within % count : within / layout.SamplesPerPixel;
            changed.Add((frame + 1, pixel % layout.Columns, pixel / layout.Columns));
        }

        return changed;
    }
}
