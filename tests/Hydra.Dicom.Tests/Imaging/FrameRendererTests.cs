using System.Buffers.Binary;
using Hydra.Dicom.Dictionary;
using Hydra.Dicom.Imaging;

namespace Hydra.Dicom.Tests.Imaging;

public sealed class FrameRendererTests
{
    private static DicomFile Grey(ushort[] values, int columns, string photometric = "MONOCHROME2", bool signed = false, int bitsStored = 16,
        string? intercept = null, int frames = 1)
    {
        var dataset = new DicomDataset();
        dataset.SetNumbers<ushort>(DicomTags.SamplesPerPixel, 1);
        dataset.SetString(DicomTags.PhotometricInterpretation, photometric);
        dataset.SetNumbers<ushort>(DicomTags.Rows, (ushort)(values.Length / columns / frames));
        dataset.SetNumbers<ushort>(DicomTags.Columns, (ushort)columns);
        dataset.SetNumbers<ushort>(DicomTags.BitsAllocated, 16);
        dataset.SetNumbers<ushort>(DicomTags.BitsStored, (ushort)bitsStored);
        dataset.SetNumbers<ushort>(DicomTags.HighBit, (ushort)(bitsStored - 1));
        dataset.SetNumbers<ushort>(DicomTags.PixelRepresentation, (ushort)(signed ? 1 : 0));
        if (frames > 1)
        {
            dataset.SetString(DicomTags.NumberOfFrames, frames.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        if (intercept is not null)
        {
            dataset.SetString(DicomTags.RescaleIntercept, intercept);
            dataset.SetString(DicomTags.RescaleSlope, "1");
        }

        var bytes = new byte[values.Length * 2];
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(2 * i), values[i]);
        }

        dataset.SetBytes(DicomTags.PixelData, DicomVR.OW, bytes);
        return new DicomFile(dataset);
    }

    [Fact]
    public void LinearWindow_CentreMinusHalfWidthBlack_CentrePlusHalfWidthWhite_CentreMidGrey()
    {
        // Modality = stored - 1024; window 40/400 spans -160..240 HU, i.e. stored 864..1264.
        var frames = PixelFrames.Of(Grey([864, 1064, 1264, 0], 4, intercept: "-1024"));

        var rendered = FrameRenderer.Render(frames, 1, new VoiWindow(40, 400));

        Assert.Equal((4, 1, 1), (rendered.Width, rendered.Height, rendered.Channels));
        Assert.Equal([0, 128, 255, 0], rendered.Pixels);
    }

    [Fact]
    public void Monochrome1_IsInverted()
    {
        var frames = PixelFrames.Of(Grey([864, 1264], 2, photometric: "MONOCHROME1", intercept: "-1024"));

        var rendered = FrameRenderer.Render(frames, 1, new VoiWindow(40, 400));

        Assert.Equal([255, 0], rendered.Pixels);
    }

    [Fact]
    public void Signed12BitStored_SignExtended_NoWindowSpansTheRange()
    {
        // 0x0FFF is -1 in 12 bits, 0x0800 is -2048, 0x07FF is 2047; the high nibble is not part of the value.
        var frames = PixelFrames.Of(Grey([0xF800, 0x0FFF, 0x07FF], 3, signed: true, bitsStored: 12));

        var rendered = FrameRenderer.Render(frames, 1, null);

        Assert.Equal(0, rendered.Pixels[0]);
        Assert.InRange(rendered.Pixels[1], 126, 129);
        Assert.Equal(255, rendered.Pixels[2]);
    }

    [Fact]
    public void SigmoidWindow_CentreIsHalfway()
    {
        var frames = PixelFrames.Of(Grey([100, 0, 1000], 3));

        var rendered = FrameRenderer.Render(frames, 1, new VoiWindow(100, 50, VoiFunction.Sigmoid));

        Assert.Equal(128, rendered.Pixels[0]);
        Assert.True(rendered.Pixels[1] < 5 && rendered.Pixels[2] > 250);
    }

    [Fact]
    public void DatasetWindow_FirstValuesAndFunction()
    {
        var file = Grey([0], 1);
        file.Dataset.SetStrings(DicomTags.WindowCenter, "40", "300");
        file.Dataset.SetStrings(DicomTags.WindowWidth, "400", "1500");
        file.Dataset.SetString(DicomTags.VOILUTFunction, "SIGMOID");

        Assert.Equal(new VoiWindow(40, 400, VoiFunction.Sigmoid), FrameRenderer.DatasetWindow(file.Dataset));
        Assert.Null(FrameRenderer.DatasetWindow(Grey([0], 1).Dataset));
    }

    [Fact]
    public void MultiFrame_FramesAreConsecutiveSlices()
    {
        var frames = PixelFrames.Of(Grey([1, 2, 3, 4, 5, 6], 3, frames: 2));

        Assert.Equal(2, frames.Count);
        Assert.Equal(6, frames.Frame(2).Length);
        Assert.Equal(4, BinaryPrimitives.ReadUInt16LittleEndian(frames.Frame(2).Span));
        Assert.Throws<ArgumentOutOfRangeException>(() => frames.Frame(3));
    }

    [Fact]
    public void Rgb_PlanarAndInterleaved_RenderAlike()
    {
        byte[] interleaved = [255, 0, 0, 0, 255, 0];
        byte[] planar = [255, 0, 0, 255, 0, 0];

        var a = FrameRenderer.Render(PixelFrames.Of(Rgb(interleaved, 0)), 1, null);
        var b = FrameRenderer.Render(PixelFrames.Of(Rgb(planar, 1)), 1, null);

        Assert.Equal(3, a.Channels);
        Assert.Equal(interleaved, a.Pixels);
        Assert.Equal(interleaved, b.Pixels);
    }

    [Fact]
    public void YbrFull_IsTurnedIntoRgb()
    {
        // Pure red, green and blue in YBR_FULL (BT.601 full range), and mid grey.
        var ybr = Rgb([76, 85, 255, 150, 44, 21, 29, 255, 107], 0);
        ybr.Dataset.SetString(DicomTags.PhotometricInterpretation, "YBR_FULL");

        var frame = FrameRenderer.Render(PixelFrames.Of(ybr), 1, null);

        Assert.All(new (int Pixel, byte[] Rgb)[] { (0, [255, 0, 0]), (1, [0, 255, 0]), (2, [0, 0, 255]) }, expected =>
            Assert.All(Enumerable.Range(0, 3), c => Assert.InRange(frame.At(expected.Pixel, 0, c), expected.Rgb[c] - 2, expected.Rgb[c] + 2)));
    }

    [Fact]
    public void UnsupportedPhotometric_And_Encapsulated_AreRefusedByName()
    {
        var ybr = Rgb([1, 2, 3, 4, 5, 6], 0);
        ybr.Dataset.SetString(DicomTags.PhotometricInterpretation, "YBR_FULL_422");
        var compressed = Grey([0, 0], 2);
        compressed.Dataset.Set(new DicomFragmentSequence(DicomTags.PixelData, ReadOnlyMemory<byte>.Empty, new byte[] { 1, 2 }));
        compressed.TransferSyntax = DicomTransferSyntax.JpegBaseline;

        var refused = Assert.Throws<DicomImagingException>(() => FrameRenderer.Render(PixelFrames.Of(ybr), 1, null));
        var encapsulated = Assert.Throws<DicomImagingException>(() => PixelFrames.Of(compressed));

        Assert.Contains("YBR_FULL_422", refused.Message, StringComparison.Ordinal);
        Assert.Contains("1.2.840.10008.1.2.4.50", encapsulated.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Scaler_FitsKeepingAspect_AveragesWhenShrinking()
    {
        var frame = new RenderedFrame(4, 2, 1, [0, 100, 200, 200, 100, 0, 200, 200]);

        var half = FrameScaler.Fit(frame, 2, 10);
        var kept = FrameScaler.Fit(frame, 100, 100, enlarge: false);
        var doubled = FrameScaler.Fit(frame, 8, 8);

        Assert.Equal((2, 1), (half.Width, half.Height));
        Assert.Equal([50, 200], half.Pixels);
        Assert.Same(frame, kept);
        Assert.Equal((8, 4), (doubled.Width, doubled.Height));
        Assert.Equal(100, doubled.At(2, 0));
    }

    private static DicomFile Rgb(byte[] pixels, int planar)
    {
        var dataset = new DicomDataset();
        dataset.SetNumbers<ushort>(DicomTags.SamplesPerPixel, 3);
        dataset.SetString(DicomTags.PhotometricInterpretation, "RGB");
        dataset.SetNumbers<ushort>(DicomTags.Rows, 1);
        dataset.SetNumbers<ushort>(DicomTags.Columns, (ushort)(pixels.Length / 3));
        dataset.SetNumbers<ushort>(DicomTags.BitsAllocated, 8);
        dataset.SetNumbers<ushort>(DicomTags.BitsStored, 8);
        dataset.SetNumbers<ushort>(DicomTags.PixelRepresentation, 0);
        dataset.SetNumbers<ushort>(DicomTags.PlanarConfiguration, (ushort)planar);
        dataset.SetBytes(DicomTags.PixelData, DicomVR.OB, pixels);
        return new DicomFile(dataset);
    }
}
