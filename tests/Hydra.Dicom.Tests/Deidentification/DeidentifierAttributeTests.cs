using Hydra.Dicom.Deidentification;
using Hydra.Dicom.Dictionary;

namespace Hydra.Dicom.Tests.Deidentification;

/// <summary>The record the output carries (method, option codes, encrypted originals) and attributes cleaned or removed whole.</summary>
public sealed class DeidentifierAttributeTests
{
    private static readonly DicomDeidentifier Deidentifier = TestSecrets.Deidentifier();

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
}
