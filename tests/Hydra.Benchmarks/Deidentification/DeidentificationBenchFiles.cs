using System.Globalization;
using Hydra.Dicom;
using Hydra.Dicom.Dictionary;

namespace Hydra.Benchmarks.Deidentification;

/// <summary>
/// A folder of 512x512 CT images of one series: pydicom's CT_small.dcm header (patient, study, private GE elements)
/// with a new SOP Instance UID per file and deterministic 16-bit pixels, written by the codec.
/// </summary>
public static class DeidentificationBenchFiles
{
    public static IReadOnlyList<string> Write(string ctSmallPath, string folder, int count)
    {
        Directory.CreateDirectory(folder);
        var header = DicomFile.Open(ctSmallPath).Dataset;
        var pixels = BenchPixels.CtRamp(512 * 512);
        var paths = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            var dataset = header.Clone();
            dataset.SetNumbers<ushort>(DicomTags.Rows, 512);
            dataset.SetNumbers<ushort>(DicomTags.Columns, 512);
            dataset.SetString(DicomTags.SOPInstanceUID, string.Create(CultureInfo.InvariantCulture, $"1.2.826.0.1.3680043.10.543.{i + 1}"));
            dataset.SetNumbers(DicomTags.InstanceNumber, i + 1);
            dataset.SetBytes(DicomTags.PixelData, DicomVR.OW, pixels);
            var path = Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $"CT{i:D4}.dcm"));
            new DicomFile(dataset, DicomTransferSyntax.ExplicitVRLittleEndian).Save(path);
            paths.Add(path);
        }

        return paths;
    }
}
