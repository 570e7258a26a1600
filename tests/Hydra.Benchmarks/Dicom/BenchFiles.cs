using Hydra.Dicom;
using Hydra.Dicom.Dictionary;

namespace Hydra.Benchmarks.Dicom;

/// <summary>
/// The files the codec bench measures: pydicom's CT_small.dcm (128x128) and, written by the codec from its header
/// with deterministic pixels, a 512x512 CT and a 512x512 multi-frame CT.
/// </summary>
public static class BenchFiles
{
    public static IReadOnlyList<string> Prepare(string ctSmallPath, string folder, int frames)
    {
        var small = Path.Combine(folder, "CT_small.dcm");
        File.Copy(ctSmallPath, small, overwrite: true);
        var large = Path.Combine(folder, "CT_512.dcm");
        Synthetic(ctSmallPath, 1).Save(large);
        var multiFrame = Path.Combine(folder, $"CT_512x{frames}.dcm");
        Synthetic(ctSmallPath, frames).Save(multiFrame);
        return [small, large, multiFrame];
    }

    private static DicomFile Synthetic(string headerSource, int frames)
    {
        var source = DicomFile.Open(headerSource);
        var dataset = source.Dataset.Clone();
        dataset.SetNumbers<ushort>(DicomTags.Rows, 512);
        dataset.SetNumbers<ushort>(DicomTags.Columns, 512);
        dataset.SetString(DicomTags.SOPInstanceUID, $"2.25.{1000 + frames}");
        if (frames > 1)
        {
            dataset.SetNumbers(DicomTags.NumberOfFrames, frames);
        }

        dataset.SetBytes(DicomTags.PixelData, DicomVR.OW, BenchPixels.CtRamp(512 * 512 * frames));
        return new DicomFile(dataset, DicomTransferSyntax.ExplicitVRLittleEndian);
    }
}
