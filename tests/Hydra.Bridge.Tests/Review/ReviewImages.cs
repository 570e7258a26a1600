using Hydra.Dicom;
using Hydra.Dicom.Dictionary;
using Hydra.Testing.Bridge;

namespace Hydra.Bridge.Tests.Review;

/// <summary>
/// Secondary-capture images of 512 x 384 8-bit grey pixels as a modality with burned-in text sends them: mid-grey (100),
/// with white (255) "text" blocks where <see cref="ScriptedPixelCleaner"/> finds text, and identifying headers that carry
/// <see cref="SampleStudy.Marker"/>.
/// </summary>
internal static class ReviewImages
{
    public const int Columns = 512;
    public const int Rows = 384;
    public const byte Background = 100;

    /// <summary>Writes one image of <paramref name="modality"/> (OT: redacted, XC: quarantined) and returns its path and original pixels.</summary>
    public static (string Path, byte[] Pixels) Write(string folder, string modality, string burnedInAnnotation = "YES")
    {
        var pixels = new byte[Columns * Rows];
        Array.Fill(pixels, Background);
        foreach (var r in modality == "OT" ? [ScriptedPixelCleaner.Blanked] : ScriptedPixelCleaner.Found)
        {
            for (var y = r.Y; y < r.Y + r.Height; y++)
            {
                pixels.AsSpan((y * Columns) + r.X, r.Width).Fill(255);
            }
        }

        var dataset = new DicomDataset();
        dataset.SetString(DicomTags.SpecificCharacterSet, "ISO_IR 100");
        dataset.SetString(DicomTags.SOPClassUID, "1.2.840.10008.5.1.4.1.1.7");
        dataset.SetString(DicomTags.SOPInstanceUID, DicomUid.Generate());
        dataset.SetString(DicomTags.StudyInstanceUID, DicomUid.Generate());
        dataset.SetString(DicomTags.SeriesInstanceUID, DicomUid.Generate());
        dataset.SetString(DicomTags.StudyDate, "20240315");
        dataset.SetString(DicomTags.Modality, modality);
        dataset.SetString(DicomTags.PatientName, SampleStudy.IdentifyingValues[0]);
        dataset.SetString(DicomTags.PatientID, SampleStudy.IdentifyingValues[1]);
        dataset.SetString(DicomTags.InstitutionName, SampleStudy.IdentifyingValues[2]);
        dataset.SetString(DicomTags.BurnedInAnnotation, burnedInAnnotation);
        dataset.SetNumbers<ushort>(DicomTags.SamplesPerPixel, 1);
        dataset.SetString(DicomTags.PhotometricInterpretation, "MONOCHROME2");
        dataset.SetNumbers<ushort>(DicomTags.Rows, Rows);
        dataset.SetNumbers<ushort>(DicomTags.Columns, Columns);
        dataset.SetNumbers<ushort>(DicomTags.BitsAllocated, 8);
        dataset.SetNumbers<ushort>(DicomTags.BitsStored, 8);
        dataset.SetNumbers<ushort>(DicomTags.HighBit, 7);
        dataset.SetNumbers<ushort>(DicomTags.PixelRepresentation, 0);
        dataset.SetBytes(DicomTags.PixelData, DicomVR.OB, pixels);
        var path = System.IO.Path.Combine(folder, modality + "-" + Guid.NewGuid().ToString("N") + ".dcm");
        new DicomFile(dataset, DicomTransferSyntax.ExplicitVRLittleEndian).Save(path);
        return (path, pixels);
    }
}
