namespace Hydra.Dicom.Dictionary;

/// <summary>
/// The command elements of group 0000 (PS3.7 Annex E, Tables E.1-1 and E.2-1), which the PS3.6 table does not hold.
/// DIMSE command sets are always Implicit VR Little Endian (PS3.7 6.3.1), so their VRs must come from here.
/// </summary>
internal static class CommandElements
{
    public static IReadOnlyList<DicomDictionaryEntry> Entries { get; } =
    [
        Entry(0x0000, DicomVR.UL, "1", "CommandGroupLength"),
        Entry(0x0001, DicomVR.UL, "1", "CommandLengthToEnd", retired: true),
        Entry(0x0002, DicomVR.UI, "1", "AffectedSOPClassUID"),
        Entry(0x0003, DicomVR.UI, "1", "RequestedSOPClassUID"),
        Entry(0x0010, DicomVR.SH, "1", "CommandRecognitionCode", retired: true),
        Entry(0x0100, DicomVR.US, "1", "CommandField"),
        Entry(0x0110, DicomVR.US, "1", "MessageID"),
        Entry(0x0120, DicomVR.US, "1", "MessageIDBeingRespondedTo"),
        Entry(0x0200, DicomVR.AE, "1", "Initiator", retired: true),
        Entry(0x0300, DicomVR.AE, "1", "Receiver", retired: true),
        Entry(0x0400, DicomVR.AE, "1", "FindLocation", retired: true),
        Entry(0x0600, DicomVR.AE, "1", "MoveDestination"),
        Entry(0x0700, DicomVR.US, "1", "Priority"),
        Entry(0x0800, DicomVR.US, "1", "CommandDataSetType"),
        Entry(0x0850, DicomVR.US, "1", "NumberOfMatches", retired: true),
        Entry(0x0860, DicomVR.US, "1", "ResponseSequenceNumber", retired: true),
        Entry(0x0900, DicomVR.US, "1", "Status"),
        Entry(0x0901, DicomVR.AT, "1-n", "OffendingElement"),
        Entry(0x0902, DicomVR.LO, "1", "ErrorComment"),
        Entry(0x0903, DicomVR.US, "1", "ErrorID"),
        Entry(0x1000, DicomVR.UI, "1", "AffectedSOPInstanceUID"),
        Entry(0x1001, DicomVR.UI, "1", "RequestedSOPInstanceUID"),
        Entry(0x1002, DicomVR.US, "1", "EventTypeID"),
        Entry(0x1005, DicomVR.AT, "1-n", "AttributeIdentifierList"),
        Entry(0x1008, DicomVR.US, "1", "ActionTypeID"),
        Entry(0x1020, DicomVR.US, "1", "NumberOfRemainingSuboperations"),
        Entry(0x1021, DicomVR.US, "1", "NumberOfCompletedSuboperations"),
        Entry(0x1022, DicomVR.US, "1", "NumberOfFailedSuboperations"),
        Entry(0x1023, DicomVR.US, "1", "NumberOfWarningSuboperations"),
        Entry(0x1030, DicomVR.AE, "1", "MoveOriginatorApplicationEntityTitle"),
        Entry(0x1031, DicomVR.US, "1", "MoveOriginatorMessageID"),
    ];

    private static DicomDictionaryEntry Entry(ushort element, DicomVR vr, string multiplicity, string keyword, bool retired = false) =>
        new(new DicomTag(0x0000, element), uint.MaxValue, keyword, vr, [vr], multiplicity, retired);
}
