using Hydra.Dicom.Deidentification;
using Hydra.Dicom.Dictionary;
using Hydra.Dicom.IO;

namespace Hydra.Dicom.Tests.Deidentification;

/// <summary>Keyed consistency: UIDs and pseudonyms agree across images and runs, references follow their targets, the input is left alone.</summary>
public sealed class DeidentifierConsistencyTests
{
    private static readonly DicomDeidentifier Deidentifier = TestSecrets.Deidentifier();

    [Fact]
    public void Deidentify_ThreeImagesOfOneSeries_ShareStudySeriesFrameAndPseudonymNotInstance()
    {
        // Arrange
        var inputs = new[] { "1.2.3.1", "1.2.3.2", "1.2.3.3" }.Select(uid => SyntheticImage.Ct(uid)).ToList();

        // Act
        var outputs = inputs.Select(input => Deidentifier.Deidentify(input, DeidentificationProfile.Default)).ToList();

        // Assert
        Assert.Single(outputs.Select(o => o.Report!.StudyInstanceUid).Distinct());
        Assert.Single(outputs.Select(o => o.Report!.SeriesInstanceUid).Distinct());
        Assert.Single(outputs.Select(o => o.File!.Dataset.GetString(DicomTags.FrameOfReferenceUID)).Distinct());
        Assert.Single(outputs.Select(o => o.Report!.PatientPseudonym).Distinct());
        Assert.Equal(3, outputs.Select(o => o.Report!.SopInstanceUid).Distinct().Count());
        Assert.NotEqual(SyntheticImage.StudyUid, outputs[0].Report!.StudyInstanceUid);
        Assert.StartsWith("2.25.", outputs[0].Report!.StudyInstanceUid, StringComparison.Ordinal);
    }

    [Fact]
    public void Deidentify_SameInputTwice_SameDatasetApartFromTheEncryptedOriginals()
    {
        // Arrange
        var input = SyntheticImage.Ct("1.2.3.1");

        // Act
        var first = Encode(Deidentifier.Deidentify(input, DeidentificationProfile.Default));
        var second = Encode(TestSecrets.Deidentifier().Deidentify(input, DeidentificationProfile.Default));

        // Assert
        Assert.Equal(first, second);
    }

    [Fact]
    public void Deidentify_OtherSecret_GivesOtherUidsPseudonymAndDateShift()
    {
        // Arrange
        var input = SyntheticImage.Ct("1.2.3.1");
        var other = TestSecrets.Deidentifier(secret: TestSecrets.OtherSecret);

        // Act
        var a = Deidentifier.Deidentify(input, DeidentificationProfile.Default).Report!;
        var b = other.Deidentify(input, DeidentificationProfile.Default).Report!;

        // Assert
        Assert.NotEqual(a.SopInstanceUid, b.SopInstanceUid);
        Assert.NotEqual(a.StudyInstanceUid, b.StudyInstanceUid);
        Assert.NotEqual(a.PatientPseudonym, b.PatientPseudonym);
        Assert.NotEqual(a.DateOffsetDays, b.DateOffsetDays);
    }

    [Fact]
    public void Deidentify_ReferencesInSequences_FollowTheirTargets()
    {
        // Arrange
        var target = SyntheticImage.Ct("1.2.3.1");
        var referencing = SyntheticImage.Referencing("1.2.3.9", "1.2.3.1");

        // Act
        var targetOut = Deidentifier.Deidentify(target, DeidentificationProfile.Default).File!.Dataset;
        var refOut = Deidentifier.Deidentify(referencing, DeidentificationProfile.Default).File!.Dataset;

        // Assert
        var series = refOut.GetSequence(DicomTags.ReferencedSeriesSequence)!.Items[0];
        var image = series.GetSequence(DicomTags.ReferencedImageSequence)!.Items[0];
        Assert.Equal(targetOut.GetString(DicomTags.SOPInstanceUID), image.GetString(DicomTags.ReferencedSOPInstanceUID));
        Assert.Equal(targetOut.GetString(DicomTags.SeriesInstanceUID), series.GetString(DicomTags.SeriesInstanceUID));
        Assert.Equal("1.2.840.10008.5.1.4.1.1.2", image.GetString(DicomTags.ReferencedSOPClassUID));
        var source = refOut.GetSequence(DicomTags.SourceImageSequence)!.Items[0];
        Assert.Equal(targetOut.GetString(DicomTags.SOPInstanceUID), source.GetString(DicomTags.ReferencedSOPInstanceUID));
        var frame = refOut.GetSequence(DicomTags.ReferencedFrameOfReferenceSequence)!.Items[0];
        Assert.Equal(targetOut.GetString(DicomTags.FrameOfReferenceUID), frame.GetString(DicomTags.FrameOfReferenceUID));
    }

    [Fact]
    public void Deidentify_Image_NewSopInstanceUidAlsoInTheWrittenMetaGroup()
    {
        // Arrange
        var input = SyntheticImage.Ct("1.2.3.1");

        // Act
        var result = Deidentifier.Deidentify(input, DeidentificationProfile.Default);
        var reread = DicomFile.Read(result.File!.ToArray());

        // Assert
        Assert.NotEqual("1.2.3.1", result.Report!.SopInstanceUid);
        Assert.Equal(result.Report.SopInstanceUid, reread.Dataset.GetString(DicomTags.SOPInstanceUID));
        Assert.Equal(result.Report.SopInstanceUid, reread.FileMetaInformation.GetString(DicomTags.MediaStorageSOPInstanceUID));
    }

    [Fact]
    public void Deidentify_Patient_PseudonymInPatientIdAndNameAndIssuerRemoved()
    {
        // Arrange
        var input = SyntheticImage.Ct("1.2.3.1");

        // Act
        var result = Deidentifier.Deidentify(input, DeidentificationProfile.Default);

        // Assert
        var dataset = result.File!.Dataset;
        Assert.StartsWith("HYD-", result.Report!.PatientPseudonym, StringComparison.Ordinal);
        Assert.Equal(result.Report.PatientPseudonym, dataset.GetString(DicomTags.PatientID));
        Assert.Equal(result.Report.PatientPseudonym, dataset.GetString(DicomTags.PatientName));
        Assert.False(dataset.Contains(DicomTags.IssuerOfPatientID));
        Assert.NotEqual(result.Report.PatientPseudonym,
            Deidentifier.Deidentify(SyntheticImage.Ct("1.2.3.2", patientId: "PID-4712"), DeidentificationProfile.Default).Report!.PatientPseudonym);
    }

    [Fact]
    public void Deidentify_NoPatientId_PseudonymPerStudy()
    {
        // Arrange
        var a = SyntheticImage.Ct("1.2.3.1");
        var b = SyntheticImage.Ct("1.2.3.2");
        var c = SyntheticImage.Ct("1.2.3.3", studyUid: "1.2.99");
        foreach (var file in new[] { a, b, c })
        {
            file.Dataset.Remove(DicomTags.PatientID);
        }

        // Act
        var pseudonyms = new[] { a, b, c }.Select(f => Deidentifier.Deidentify(f, DeidentificationProfile.Default).Report!.PatientPseudonym).ToList();

        // Assert
        Assert.Equal(pseudonyms[0], pseudonyms[1]);
        Assert.NotEqual(pseudonyms[0], pseudonyms[2]);
    }

    [Fact]
    public void Deidentify_Input_IsNotChanged()
    {
        // Arrange
        var input = SyntheticImage.Referencing("1.2.3.9", "1.2.3.1");
        var before = input.ToArray();

        // Act
        Deidentifier.Deidentify(input, DeidentificationProfile.Default);

        // Assert
        Assert.Equal(before, input.ToArray());
    }

    private static byte[] Encode(DeidentificationResult result) =>
        DicomDatasetWriter.Encode(result.File!.Dataset, DicomTransferSyntax.ExplicitVRLittleEndian);
}
