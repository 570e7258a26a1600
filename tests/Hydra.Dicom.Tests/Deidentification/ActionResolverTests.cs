using Hydra.Dicom.Deidentification;
using Hydra.Dicom.Dictionary;

namespace Hydra.Dicom.Tests.Deidentification;

/// <summary>How table codes become element actions, and the rules for attributes the table does not list.</summary>
public sealed class ActionResolverTests
{
    [Theory]
    [InlineData(0x00080023, DicomVR.DA, "Dummy")]   // Content Date Z/D, Type 1 in SR documents
    [InlineData(0x00180010, DicomVR.LO, "Empty")]   // Contrast/Bolus Agent Z/D, Type 2
    [InlineData(0x00080022, DicomVR.DA, "Empty")]   // Acquisition Date X/Z, Type 2 in PET
    [InlineData(0x00321060, DicomVR.LO, "Remove")]  // Requested Procedure Description X/Z, Type 3
    [InlineData(0x00080021, DicomVR.DA, "Dummy")]   // Series Date X/D, Type 1 in PET
    [InlineData(0x00081072, DicomVR.SQ, "Remove")]  // Operator Identification Sequence X/D, Type 3
    [InlineData(0x00181000, DicomVR.LO, "Dummy")]   // Device Serial Number X/Z/D, Type 1 in enhanced equipment
    [InlineData(0x00080080, DicomVR.LO, "Remove")]  // Institution Name X/Z/D, Type 3
    [InlineData(0x00082112, DicomVR.SQ, "Keep")]    // Source Image Sequence X/Z/U*: kept, its UIDs mapped
    [InlineData(0x00080018, DicomVR.UI, "ReplaceUid")]
    [InlineData(0x00400555, DicomVR.SQ, "Empty")]   // Acquisition Context Sequence X/Z, Type 2
    public void Resolve_BasicProfile_SettlesCombinedCodesByAttributeType(uint tag, DicomVR vr, string expected)
    {
        // Arrange
        var resolver = new ActionResolver(ConfidentialityOptions.None);

        // Act
        var action = resolver.Resolve(Element(new DicomTag(tag), vr), FreeTextMode.Strict);

        // Assert
        Assert.Equal(Enum.Parse<ElementAction>(expected), action);
    }

    [Theory]
    [InlineData(0x00280010, DicomVR.US, "Strict", "Keep")]        // Rows
    [InlineData(0x00080060, DicomVR.CS, "Strict", "Keep")]        // Modality
    [InlineData(0x00080070, DicomVR.LO, "Strict", "Keep")]        // Manufacturer (safe text)
    [InlineData(0x00080104, DicomVR.LO, "Strict", "Keep")]        // Code Meaning (safe text)
    [InlineData(0x00400400, DicomVR.LT, "Strict", "Remove")]      // unlisted free text
    [InlineData(0x00400400, DicomVR.LT, "Clean", "Clean")]
    [InlineData(0x0040A160, DicomVR.UT, "Strict", "Dummy")]       // Text Value, Type 1C
    [InlineData(0x00700081, DicomVR.LO, "Strict", "Empty")]       // Content Description, Type 2
    [InlineData(0x00081150, DicomVR.UI, "Strict", "Keep")]        // Referenced SOP Class UID
    [InlineData(0x00080016, DicomVR.UI, "Strict", "Keep")]        // SOP Class UID
    [InlineData(0x0008010C, DicomVR.UI, "Strict", "Keep")]        // Coding Scheme UID
    [InlineData(0x00209161, DicomVR.UI, "Strict", "ReplaceUid")]  // Concatenation UID
    [InlineData(0x0008041F, DicomVR.DT, "Strict", "Remove")]      // Study Update DateTime
    [InlineData(0x00081115, DicomVR.SQ, "Strict", "Keep")]        // Referenced Series Sequence
    [InlineData(0x04000500, DicomVR.SQ, "Strict", "Remove")]      // someone else's encrypted originals
    public void Resolve_UnlistedAttribute_FollowsTheWhitelistRules(uint tag, DicomVR vr, string mode, string expected)
    {
        // Arrange
        var resolver = new ActionResolver(ConfidentialityOptions.None);

        // Act
        var action = resolver.Resolve(Element(new DicomTag(tag), vr), Enum.Parse<FreeTextMode>(mode));

        // Assert
        Assert.Equal(Enum.Parse<ElementAction>(expected), action);
    }

    [Theory]
    [InlineData(ConfidentialityOptions.RetainLongitudinalFullDates, "Keep")]
    [InlineData(ConfidentialityOptions.RetainLongitudinalModifiedDates, "Clean")]
    [InlineData(ConfidentialityOptions.RetainUids, "Remove")]
    public void Resolve_UnlistedDate_FollowsTheDateOptions(ConfidentialityOptions options, string expected)
    {
        // Arrange
        var resolver = new ActionResolver(options);

        // Act
        var action = resolver.Resolve(Element(DicomTags.StudyUpdateDateTime, DicomVR.DT), FreeTextMode.Strict);

        // Assert
        Assert.Equal(Enum.Parse<ElementAction>(expected), action);
    }

    [Fact]
    public void Resolve_RetainUids_KeepsListedAndUnlistedUids()
    {
        // Arrange
        var resolver = new ActionResolver(ConfidentialityOptions.RetainUids);

        // Act
        var listed = resolver.Resolve(Element(DicomTags.StudyInstanceUID, DicomVR.UI), FreeTextMode.Strict);
        var unlisted = resolver.Resolve(Element(DicomTags.ConcatenationUID, DicomVR.UI), FreeTextMode.Strict);

        // Assert
        Assert.Equal(ElementAction.Keep, listed);
        Assert.Equal(ElementAction.Keep, unlisted);
    }

    // Internal enums travel as names: xunit test methods are public.
    private static DicomElement Element(DicomTag tag, DicomVR vr) =>
        vr == DicomVR.SQ ? new DicomSequence(tag) : new DicomValueElement(tag, vr, "1"u8.ToArray());
}
