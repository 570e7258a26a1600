using System.Globalization;
using Hydra.Dicom;
using Hydra.Dicom.Dictionary;

namespace Hydra.Testing.Bridge;

/// <summary>
/// A synthetic CT study as a hospital would send it: real identifying attributes, each carrying
/// <see cref="Marker"/> so tests can search every stored byte for a leak, and deterministic 16-bit pixels.
/// </summary>
public sealed class SampleStudy
{
    /// <summary>Text in every identifying value; it must never appear in anything the bridge stores or serves.</summary>
    public const string Marker = "ZQXHYDRAMARK";

    private SampleStudy(string folder, IReadOnlyList<string> files, string studyInstanceUid)
    {
        Folder = folder;
        Files = files;
        StudyInstanceUid = studyInstanceUid;
    }

    public string Folder { get; }

    public IReadOnlyList<string> Files { get; }

    /// <summary>The original (identifying) Study Instance UID.</summary>
    public string StudyInstanceUid { get; }

    /// <summary>The identifying values that go into each image; none may leave the bridge.</summary>
    public static IReadOnlyList<string> IdentifyingValues { get; } =
        [Marker + "^JANE", Marker + "-MRN", Marker + " GENERAL HOSPITAL", Marker + "^REFERRER", Marker + "-ACC", Marker + " CHEST PAIN"];

    /// <summary>
    /// Writes <paramref name="count"/> images of one study (one series) under <paramref name="folder"/>; with
    /// <paramref name="recognizableFace"/> they say Recognizable Visual Features (0028,0302) YES, which no pixel
    /// cleaning can clean, so the bridge quarantines them.
    /// </summary>
    public static SampleStudy Write(string folder, int count, int size = 512, string? burnedInAnnotation = "NO", bool recognizableFace = false)
    {
        Directory.CreateDirectory(folder);
        var study = DicomUid.Generate();
        var series = DicomUid.Generate();
        var pixels = Pixels(size);
        var files = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            var dataset = Image(study, series, i + 1, size, pixels, burnedInAnnotation);
            if (recognizableFace)
            {
                dataset.SetString(DicomTags.RecognizableVisualFeatures, "YES");
            }

            var path = Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $"ct{i + 1:D4}.dcm"));
            new DicomFile(dataset, DicomTransferSyntax.ExplicitVRLittleEndian).Save(path);
            files.Add(path);
        }

        return new SampleStudy(folder, files, study);
    }

    private static DicomDataset Image(string study, string series, int number, int size, byte[] pixels, string? burnedInAnnotation)
    {
        var dataset = new DicomDataset();
        dataset.SetString(DicomTags.SpecificCharacterSet, "ISO_IR 100");
        dataset.SetStrings(DicomTags.ImageType, "ORIGINAL", "PRIMARY", "AXIAL");
        dataset.SetString(DicomTags.SOPClassUID, "1.2.840.10008.5.1.4.1.1.2");
        dataset.SetString(DicomTags.SOPInstanceUID, DicomUid.Generate());
        dataset.SetString(DicomTags.StudyDate, "20240315");
        dataset.SetString(DicomTags.StudyTime, "101500");
        dataset.SetString(DicomTags.AccessionNumber, IdentifyingValues[4]);
        dataset.SetString(DicomTags.Modality, "CT");
        dataset.SetString(DicomTags.InstitutionName, IdentifyingValues[2]);
        dataset.SetString(DicomTags.ReferringPhysicianName, IdentifyingValues[3]);
        dataset.SetString(DicomTags.StudyDescription, IdentifyingValues[5]);
        dataset.SetString(DicomTags.PatientName, IdentifyingValues[0]);
        dataset.SetString(DicomTags.PatientID, IdentifyingValues[1]);
        dataset.SetString(DicomTags.PatientBirthDate, "19610704");
        dataset.SetString(DicomTags.PatientSex, "F");
        dataset.SetString(DicomTags.BodyPartExamined, "CHEST");
        dataset.SetString(DicomTags.StudyInstanceUID, study);
        dataset.SetString(DicomTags.SeriesInstanceUID, series);
        dataset.SetString(DicomTags.StudyID, "1");
        dataset.SetString(DicomTags.SeriesNumber, "1");
        dataset.SetString(DicomTags.InstanceNumber, number.ToString(CultureInfo.InvariantCulture));
        dataset.SetNumbers<ushort>(DicomTags.SamplesPerPixel, 1);
        dataset.SetString(DicomTags.PhotometricInterpretation, "MONOCHROME2");
        dataset.SetNumbers<ushort>(DicomTags.Rows, (ushort)size);
        dataset.SetNumbers<ushort>(DicomTags.Columns, (ushort)size);
        dataset.SetNumbers<ushort>(DicomTags.BitsAllocated, 16);
        dataset.SetNumbers<ushort>(DicomTags.BitsStored, 12);
        dataset.SetNumbers<ushort>(DicomTags.HighBit, 11);
        dataset.SetNumbers<ushort>(DicomTags.PixelRepresentation, 0);
        dataset.SetString(DicomTags.RescaleIntercept, "-1024");
        dataset.SetString(DicomTags.RescaleSlope, "1");
        if (burnedInAnnotation is not null)
        {
            dataset.SetString(DicomTags.BurnedInAnnotation, burnedInAnnotation);
        }

        dataset.SetBytes(DicomTags.PixelData, DicomVR.OW, pixels);
        return dataset;
    }

    // A ramp with fixed-seed noise: deterministic, not trivially compressible.
    private static byte[] Pixels(int size)
    {
        var random = new Random(size);
        var bytes = new byte[size * size * 2];
        for (var i = 0; i < size * size; i++)
        {
            var value = (ushort)(((i % size) * 4 % 4000) + random.Next(64));
            bytes[2 * i] = (byte)value;
            bytes[(2 * i) + 1] = (byte)(value >> 8);
        }

        return bytes;
    }
}
