using Hydra.Bridge.Review;
using Hydra.Dicom;
using Hydra.Dicom.Deidentification;
using Hydra.Dicom.Dictionary;
using SkiaSharp;

namespace Hydra.Bridge.Tests.Review;

/// <summary>Which frame a review thumbnail shows, its size, and that only that frame's regions are outlined.</summary>
public sealed class ReviewThumbnailTests
{
    [Fact]
    public void FrameWithMostRegions_IsShown_FittedWithin256_OnlyItsRegionsOutlined()
    {
        // Arrange: two 600 x 300 frames, frame 1 black with one region, frame 2 white with two.
        var file = TwoFrames(600, 300);
        PixelRegion[] regions =
        [
            new(1, 0, 0, 100, 100, PixelRegionSource.DeviceRegion),
            new(2, 100, 50, 200, 100, PixelRegionSource.RecognizedText),
            new(2, 400, 200, 100, 50, PixelRegionSource.RecognizedText),
        ];

        // Act
        var frame = ReviewThumbnail.FrameOf(regions);
        using var bitmap = OfficerReviewTests.Decode(ReviewThumbnail.Render(file, regions), 256, 128);

        // Assert: frame 2 (white), scaled by 256/600; frame 1's region at the origin is not drawn.
        Assert.Equal(2, frame);
        Assert.Equal(SKColors.White, bitmap.GetPixel(128, 100));
        OfficerReviewTests.AssertOutlined(bitmap, 42, 21, 127, 63);
        Assert.NotEqual(SKColors.Red, bitmap.GetPixel(0, 0));
        Assert.Equal(1, ReviewThumbnail.FrameOf([]));
        Assert.Equal(1, ReviewThumbnail.FrameOf([regions[1] with { Frame = 3 }, regions[0]]));
    }

    private static DicomFile TwoFrames(int columns, int rows)
    {
        var pixels = new byte[columns * rows * 2];
        pixels.AsSpan(columns * rows).Fill(255);
        var dataset = new DicomDataset();
        dataset.SetString(DicomTags.SOPClassUID, "1.2.840.10008.5.1.4.1.1.7.2");
        dataset.SetString(DicomTags.SOPInstanceUID, "2.25.7");
        dataset.SetString(DicomTags.NumberOfFrames, "2");
        dataset.SetNumbers<ushort>(DicomTags.SamplesPerPixel, 1);
        dataset.SetString(DicomTags.PhotometricInterpretation, "MONOCHROME2");
        dataset.SetNumbers<ushort>(DicomTags.Rows, (ushort)rows);
        dataset.SetNumbers<ushort>(DicomTags.Columns, (ushort)columns);
        dataset.SetNumbers<ushort>(DicomTags.BitsAllocated, 8);
        dataset.SetNumbers<ushort>(DicomTags.BitsStored, 8);
        dataset.SetNumbers<ushort>(DicomTags.HighBit, 7);
        dataset.SetNumbers<ushort>(DicomTags.PixelRepresentation, 0);
        dataset.SetNumbers<double>(DicomTags.WindowCenter, 127.5);
        dataset.SetNumbers<double>(DicomTags.WindowWidth, 256);
        dataset.SetBytes(DicomTags.PixelData, DicomVR.OB, pixels);
        return new DicomFile(dataset, DicomTransferSyntax.ExplicitVRLittleEndian);
    }
}
