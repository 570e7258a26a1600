using Hydra.Dicom.Dictionary;

namespace Hydra.Dicom.Tests.Deidentification;

/// <summary>Small CT data sets with chosen identities, for behaviour tests.</summary>
internal static class SyntheticImage
{
    public const string StudyUid = "1.2.826.0.1.3680043.10.1.1";
    public const string SeriesUid = "1.2.826.0.1.3680043.10.1.1.1";
    public const string FrameOfReferenceUid = "1.2.826.0.1.3680043.10.1.9";

    /// <summary>A CT image of patient <paramref name="patientId"/> in <paramref name="studyUid"/>, instance <paramref name="sopUid"/>.</summary>
    public static DicomFile Ct(string sopUid, string patientId = "PID-4711", string studyUid = StudyUid, string seriesUid = SeriesUid)
    {
        var dataset = new DicomDataset();
        dataset.SetString(DicomTags.SOPClassUID, "1.2.840.10008.5.1.4.1.1.2");
        dataset.SetString(DicomTags.SOPInstanceUID, sopUid);
        dataset.SetString(DicomTags.StudyDate, "20240315");
        dataset.SetString(DicomTags.ContentDate, "20240316");
        dataset.SetString(DicomTags.AcquisitionDateTime, "20240315101112.5+0100");
        dataset.SetString(DicomTags.StudyTime, "101112");
        dataset.SetString(DicomTags.AccessionNumber, "ACC-99");
        dataset.SetString(DicomTags.Modality, "CT");
        dataset.SetString(DicomTags.Manufacturer, "ACME");
        dataset.SetString(DicomTags.InstitutionName, "St Elsewhere");
        dataset.SetString(DicomTags.ReferringPhysicianName, "Doe^John");
        dataset.SetString(DicomTags.StudyDescription, "CT HEAD for Doe");
        dataset.SetString(DicomTags.PatientName, "Muster^Erika");
        dataset.SetString(DicomTags.PatientID, patientId);
        dataset.SetString(DicomTags.IssuerOfPatientID, "HOSP");
        dataset.SetString(DicomTags.PatientBirthDate, "19610312");
        dataset.SetString(DicomTags.PatientSex, "F");
        dataset.SetString(DicomTags.StudyInstanceUID, studyUid);
        dataset.SetString(DicomTags.SeriesInstanceUID, seriesUid);
        dataset.SetString(DicomTags.FrameOfReferenceUID, FrameOfReferenceUid);
        dataset.SetString(DicomTags.BurnedInAnnotation, "NO");
        dataset.SetNumbers<ushort>(DicomTags.Rows, 1);
        dataset.SetNumbers<ushort>(DicomTags.Columns, 1);
        dataset.SetBytes(DicomTags.PixelData, DicomVR.OW, new byte[2]);
        return new DicomFile(dataset);
    }

    /// <summary>An image that references <paramref name="referencedSopUid"/> the ways RT, SR and presentation states do.</summary>
    public static DicomFile Referencing(string sopUid, string referencedSopUid)
    {
        var file = Ct(sopUid);
        var image = new DicomDataset();
        image.SetString(DicomTags.ReferencedSOPClassUID, "1.2.840.10008.5.1.4.1.1.2");
        image.SetString(DicomTags.ReferencedSOPInstanceUID, referencedSopUid);
        var series = new DicomDataset();
        series.SetString(DicomTags.SeriesInstanceUID, SeriesUid);
        series.SetSequence(DicomTags.ReferencedImageSequence, image);
        file.Dataset.SetSequence(DicomTags.ReferencedSeriesSequence, series);
        var frame = new DicomDataset();
        frame.SetString(DicomTags.FrameOfReferenceUID, FrameOfReferenceUid);
        file.Dataset.SetSequence(DicomTags.ReferencedFrameOfReferenceSequence, frame);
        var source = new DicomDataset();
        source.SetString(DicomTags.ReferencedSOPClassUID, "1.2.840.10008.5.1.4.1.1.2");
        source.SetString(DicomTags.ReferencedSOPInstanceUID, referencedSopUid);
        file.Dataset.SetSequence(DicomTags.SourceImageSequence, source);
        return file;
    }
}
