using Hydra.Dicom;
using Hydra.Dicom.Dictionary;

namespace Hydra.Benchmarks.Dimse;

/// <summary>
/// The instances the C-STORE bench sends: copies of pydicom's CT_small.dcm (128x128) and of a 512x512 CT the codec
/// writes from its header with deterministic pixels, each copy with its own SOP Instance UID so every receiver
/// stores every one.
/// </summary>
public static class StoreBenchFiles
{
    public static string WriteSmall(string ctSmallPath, string folder, int count) => WriteCopies(DicomFile.Open(ctSmallPath), folder, "small", count);

    public static string WriteLarge(string ctSmallPath, string folder, int count)
    {
        var template = DicomFile.Open(ctSmallPath);
        var dataset = template.Dataset.Clone();
        dataset.SetNumbers<ushort>(DicomTags.Rows, 512);
        dataset.SetNumbers<ushort>(DicomTags.Columns, 512);
        dataset.SetBytes(DicomTags.PixelData, DicomVR.OW, BenchPixels.CtRamp(512 * 512));
        return WriteCopies(new DicomFile(dataset, DicomTransferSyntax.ExplicitVRLittleEndian), folder, "large", count);
    }

    private static string WriteCopies(DicomFile template, string folder, string name, int count)
    {
        var target = Path.Combine(folder, name);
        Directory.CreateDirectory(target);
        for (var i = 0; i < count; i++)
        {
            var dataset = template.Dataset.Clone();
            dataset.SetString(DicomTags.SOPInstanceUID, DicomUid.Generate());
            new DicomFile(dataset, template.TransferSyntax).Save(Path.Combine(target, $"{i:D5}.dcm"));
        }

        return target;
    }
}
