using System.Globalization;
using Hydra.Dicom.Deidentification;
using Hydra.Dicom.Dictionary;
using Hydra.Dicom.IO;

namespace Hydra.Dicom.Tests.Deidentification;

/// <summary>Keyed consistency, references, dates and the de-identification record.</summary>
public sealed class DicomDeidentifierTests
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
    public void Deidentify_DefaultProfile_ShiftsDatesByThePatientsOffsetAndKeepsTimes()
    {
        // Arrange
        var input = SyntheticImage.Ct("1.2.3.1");

        // Act
        var result = Deidentifier.Deidentify(input, DeidentificationProfile.Default);

        // Assert
        var offset = result.Report!.DateOffsetDays!.Value;
        var dataset = result.File!.Dataset;
        Assert.InRange(Math.Abs(offset), 1, 365);
        Assert.Equal(new DateOnly(2024, 3, 15).AddDays(offset), dataset.GetDate(DicomTags.StudyDate));
        Assert.Equal(new DateOnly(2024, 3, 16).AddDays(offset), dataset.GetDate(DicomTags.ContentDate));
        var shifted = new DateOnly(2024, 3, 15).AddDays(offset).ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        Assert.Equal(shifted + "101112.5+0100", dataset.GetString(DicomTags.AcquisitionDateTime));
        Assert.Equal("101112", dataset.GetString(DicomTags.StudyTime));
        Assert.Equal("MODIFIED", dataset.GetString(DicomTags.LongitudinalTemporalInformationModified));
        var otherStudy = Deidentifier.Deidentify(SyntheticImage.Ct("1.2.3.2", studyUid: "1.2.5"), DeidentificationProfile.Default);
        Assert.Equal(offset, otherStudy.Report!.DateOffsetDays);
    }

    [Fact]
    public void Deidentify_BasicProfile_EmptiesType2DatesDummiesType1AndRecordsRemoved()
    {
        // Arrange
        var input = SyntheticImage.Ct("1.2.3.1");

        // Act
        var result = Deidentifier.Deidentify(input, new DeidentificationProfile { Options = ConfidentialityOptions.None });

        // Assert
        var dataset = result.File!.Dataset;
        Assert.True(dataset.Contains(DicomTags.StudyDate) && dataset.GetBytes(DicomTags.StudyDate).IsEmpty);
        Assert.Equal("19000101", dataset.GetString(DicomTags.ContentDate));
        Assert.False(dataset.Contains(DicomTags.PatientBirthDate) && !dataset.GetBytes(DicomTags.PatientBirthDate).IsEmpty);
        Assert.Equal("REMOVED", dataset.GetString(DicomTags.LongitudinalTemporalInformationModified));
        Assert.Null(result.Report!.DateOffsetDays);
    }

    [Fact]
    public void Deidentify_FullDates_KeepsDatesUnmodified()
    {
        // Arrange
        var input = SyntheticImage.Ct("1.2.3.1");

        // Act
        var result = Deidentifier.Deidentify(input, new DeidentificationProfile { Options = ConfidentialityOptions.RetainLongitudinalFullDates });

        // Assert
        Assert.Equal("20240315", result.File!.Dataset.GetString(DicomTags.StudyDate));
        Assert.Equal("UNMODIFIED", result.File.Dataset.GetString(DicomTags.LongitudinalTemporalInformationModified));
    }

    [Fact]
    public void Deidentify_AnyProfile_RecordsPatientIdentityRemovedMethodAndOptionCodes()
    {
        // Arrange
        var options = ConfidentialityOptions.RetainLongitudinalModifiedDates | ConfidentialityOptions.CleanDescriptors;

        // Act
        var dataset = Deidentifier.Deidentify(SyntheticImage.Ct("1.2.3.1"), new DeidentificationProfile { Options = options }).File!.Dataset;

        // Assert
        Assert.Equal("YES", dataset.GetString(DicomTags.PatientIdentityRemoved));
        Assert.Contains("Table E.1-1", dataset.GetString(DicomTags.DeidentificationMethod), StringComparison.Ordinal);
        var codes = dataset.GetSequence(DicomTags.DeidentificationMethodCodeSequence)!.Items;
        Assert.Equal(new[] { "113100", "113105", "113107" }, codes.Select(c => c.GetString(DicomTags.CodeValue) ?? string.Empty));
        Assert.All(codes, c => Assert.Equal("DCM", c.GetString(DicomTags.CodingSchemeDesignator)));
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

    [Fact]
    public void Deidentify_DescriptionUnderCleanDescriptors_KeepsVocabularyOnly()
    {
        // Arrange
        var input = SyntheticImage.Ct("1.2.3.1");

        // Act
        var clean = Deidentifier.Deidentify(input, new DeidentificationProfile { Options = ConfidentialityOptions.CleanDescriptors }).File!.Dataset;
        var basic = Deidentifier.Deidentify(input, new DeidentificationProfile { Options = ConfidentialityOptions.None }).File!.Dataset;

        // Assert
        Assert.Equal("CT HEAD for", clean.GetString(DicomTags.StudyDescription));
        Assert.False(basic.Contains(DicomTags.StudyDescription));
    }

    [Fact]
    public void Deidentify_NoRecipients_WritesNoEncryptedAttributes()
    {
        // Act
        var result = Deidentifier.Deidentify(SyntheticImage.Ct("1.2.3.1"), DeidentificationProfile.Default);

        // Assert
        Assert.False(result.File!.Dataset.Contains(DicomTags.EncryptedAttributesSequence));
        Assert.Equal(0, result.Report!.ReidentificationRecipients);
    }

    [Fact]
    public void Deidentify_AnotherDeidentifiersEncryptedAttributes_AreRemoved()
    {
        // Arrange
        var input = SyntheticImage.Ct("1.2.3.1");
        var item = new DicomDataset();
        item.SetString(new DicomTag(0x0400, 0x0510), DicomVR.UI, "1.2.840.10008.1.2.1");
        item.SetBytes(new DicomTag(0x0400, 0x0520), DicomVR.OB, new byte[] { 1, 2, 3, 4 });
        input.Dataset.SetSequence(DicomTags.EncryptedAttributesSequence, item);

        // Act
        var result = Deidentifier.Deidentify(input, DeidentificationProfile.Default);

        // Assert
        Assert.False(result.File!.Dataset.Contains(DicomTags.EncryptedAttributesSequence));
    }

    [Fact]
    public void Deidentify_SourceWithItsOwnProfile_UsesIt()
    {
        // Arrange
        var options = new DeidentificationOptions { BridgeSecret = TestSecrets.Secret };
        options.SourceProfiles["CT_SCANNER"] = new DeidentificationProfile { Options = ConfidentialityOptions.RetainLongitudinalFullDates };
        var deidentifier = new DicomDeidentifier(options);

        // Act
        var scanner = deidentifier.Deidentify(SyntheticImage.Ct("1.2.3.1"), "CT_SCANNER").File!.Dataset;
        var other = deidentifier.Deidentify(SyntheticImage.Ct("1.2.3.1"), "OTHER").File!.Dataset;

        // Assert
        Assert.Equal("20240315", scanner.GetString(DicomTags.StudyDate));
        Assert.NotEqual("20240315", other.GetString(DicomTags.StudyDate));
    }

    [Fact]
    public void Deidentify_Latin1Text_OriginalsKeepTheirCharacterSet()
    {
        // Arrange
        var input = SyntheticImage.Ct("1.2.3.1");
        input.Dataset.SetString(DicomTags.SpecificCharacterSet, "ISO_IR 100");
        input.Dataset.SetString(DicomTags.PatientName, "Müller^Jürgen");
        var pki = new Hydra.Testing.Pki.DevPkiFixture();
        using var cleanup = pki;

        // Act
        var result = TestSecrets.Deidentifier(pki.Pki).Deidentify(DicomFile.Read(input.ToArray()), DeidentificationProfile.Default);
        var restored = DicomReidentifier.Reidentify(DicomFile.Read(result.File!.ToArray()), TestSecrets.OfficerKey(pki.Pki));

        // Assert
        Assert.Equal("Müller^Jürgen", restored.Dataset.GetString(DicomTags.PatientName));
        Assert.Equal("ISO_IR 100", restored.Dataset.GetString(DicomTags.SpecificCharacterSet));
    }

    [Fact]
    public void Deidentify_OverlayDataRemoved_RemovesTheWholeOverlayPlane()
    {
        // Arrange
        var input = SyntheticImage.Ct("1.2.3.1");
        input.Dataset.SetNumbers<ushort>(new DicomTag(0x6000, 0x0010), DicomVR.US, [1]);
        input.Dataset.SetNumbers<ushort>(new DicomTag(0x6000, 0x0011), DicomVR.US, [1]);
        input.Dataset.SetBytes(new DicomTag(0x6000, 0x3000), DicomVR.OW, new byte[2]);

        // Act
        var dataset = Deidentifier.Deidentify(input, DeidentificationProfile.Default).File!.Dataset;

        // Assert
        Assert.DoesNotContain(dataset, element => element.Tag.Group == 0x6000);
    }

    private static byte[] Encode(DeidentificationResult result) =>
        DicomDatasetWriter.Encode(result.File!.Dataset, DicomTransferSyntax.ExplicitVRLittleEndian);
}
