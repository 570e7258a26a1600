namespace Hydra.Dicom.Dictionary;

/// <summary>The DIMSE command elements of group 0000 (PS3.7 Annex E), which the generated PS3.6 table does not hold.</summary>
public static partial class DicomTags
{
    public static DicomTag CommandGroupLength => new(0x0000, 0x0000);

    public static DicomTag AffectedSOPClassUID => new(0x0000, 0x0002);

    public static DicomTag RequestedSOPClassUID => new(0x0000, 0x0003);

    public static DicomTag CommandField => new(0x0000, 0x0100);

    public static DicomTag MessageID => new(0x0000, 0x0110);

    public static DicomTag MessageIDBeingRespondedTo => new(0x0000, 0x0120);

    public static DicomTag MoveDestination => new(0x0000, 0x0600);

    public static DicomTag Priority => new(0x0000, 0x0700);

    public static DicomTag CommandDataSetType => new(0x0000, 0x0800);

    public static DicomTag Status => new(0x0000, 0x0900);

    public static DicomTag OffendingElement => new(0x0000, 0x0901);

    public static DicomTag ErrorComment => new(0x0000, 0x0902);

    public static DicomTag ErrorID => new(0x0000, 0x0903);

    public static DicomTag AffectedSOPInstanceUID => new(0x0000, 0x1000);

    public static DicomTag RequestedSOPInstanceUID => new(0x0000, 0x1001);

    public static DicomTag EventTypeID => new(0x0000, 0x1002);

    public static DicomTag AttributeIdentifierList => new(0x0000, 0x1005);

    public static DicomTag ActionTypeID => new(0x0000, 0x1008);

    public static DicomTag NumberOfRemainingSuboperations => new(0x0000, 0x1020);

    public static DicomTag NumberOfCompletedSuboperations => new(0x0000, 0x1021);

    public static DicomTag NumberOfFailedSuboperations => new(0x0000, 0x1022);

    public static DicomTag NumberOfWarningSuboperations => new(0x0000, 0x1023);

    public static DicomTag MoveOriginatorApplicationEntityTitle => new(0x0000, 0x1030);

    public static DicomTag MoveOriginatorMessageID => new(0x0000, 0x1031);
}
