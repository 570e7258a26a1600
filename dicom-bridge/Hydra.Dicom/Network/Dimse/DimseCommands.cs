using Hydra.Dicom.Dictionary;

namespace Hydra.Dicom.Network.Dimse;

/// <summary>Builds the command sets of the DIMSE-C messages (PS3.7 9.3), with the fields each one requires.</summary>
internal static class DimseCommands
{
    public const string VerificationSopClass = "1.2.840.10008.1.1";

    public static DicomDataset Request(DimseCommandField field, ushort messageId, string sopClassUid, bool hasDataset, ushort priority = 0)
    {
        var command = new DicomDataset();
        command.SetString(DicomTags.AffectedSOPClassUID, DicomVR.UI, sopClassUid);
        SetUShort(command, DicomTags.CommandField, (ushort)field);
        SetUShort(command, DicomTags.MessageID, messageId);
        if (field != DimseCommandField.CEchoRequest)
        {
            SetUShort(command, DicomTags.Priority, priority);
        }

        SetUShort(command, DicomTags.CommandDataSetType, hasDataset ? (ushort)0x0000 : DimseCommand.NoDataset);
        return command;
    }

    public static DicomDataset StoreRequest(ushort messageId, string sopClassUid, string sopInstanceUid, ushort priority,
        string? moveOriginatorAeTitle, ushort? moveOriginatorMessageId)
    {
        var command = Request(DimseCommandField.CStoreRequest, messageId, sopClassUid, hasDataset: true, priority);
        command.SetString(DicomTags.AffectedSOPInstanceUID, DicomVR.UI, sopInstanceUid);
        if (moveOriginatorAeTitle is not null && moveOriginatorMessageId is { } originatorId)
        {
            command.SetString(DicomTags.MoveOriginatorApplicationEntityTitle, DicomVR.AE, moveOriginatorAeTitle);
            SetUShort(command, DicomTags.MoveOriginatorMessageID, originatorId);
        }

        return command;
    }

    public static DicomDataset MoveRequest(ushort messageId, string sopClassUid, string destination, ushort priority)
    {
        var command = Request(DimseCommandField.CMoveRequest, messageId, sopClassUid, hasDataset: true, priority);
        command.SetString(DicomTags.MoveDestination, DicomVR.AE, destination);
        return command;
    }

    public static DicomDataset Cancel(ushort messageIdBeingRespondedTo)
    {
        var command = new DicomDataset();
        SetUShort(command, DicomTags.CommandField, (ushort)DimseCommandField.CCancelRequest);
        SetUShort(command, DicomTags.MessageIDBeingRespondedTo, messageIdBeingRespondedTo);
        SetUShort(command, DicomTags.CommandDataSetType, DimseCommand.NoDataset);
        return command;
    }

    /// <summary>
    /// A response to <paramref name="request"/>: Affected SOP Class (and Instance, for C-STORE) copied, the status,
    /// an optional error comment (LO, cut to 64 characters) and sub-operation counts for C-GET and C-MOVE.
    /// </summary>
    public static DicomDataset Response(DimseCommand request, DicomStatus status, bool hasDataset, string? errorComment = null,
        DicomSubOperationCounts? counts = null)
    {
        var command = new DicomDataset();

        // Both UIDs are optional in responses (U(=), PS3.7 9.3): a request's bytes that are no UID are not echoed.
        if (request.AffectedSopClassUid is { } sopClass && IsUidText(sopClass))
        {
            command.SetString(DicomTags.AffectedSOPClassUID, DicomVR.UI, sopClass);
        }

        SetUShort(command, DicomTags.CommandField, (ushort)((ushort)request.Field | 0x8000));
        SetUShort(command, DicomTags.MessageIDBeingRespondedTo, request.MessageId);
        SetUShort(command, DicomTags.CommandDataSetType, hasDataset ? (ushort)0x0000 : DimseCommand.NoDataset);
        SetUShort(command, DicomTags.Status, status.Code);
        if (errorComment is { Length: > 0 } && !status.IsSuccess && !status.IsPending)
        {
            command.SetString(DicomTags.ErrorComment, DicomVR.LO, errorComment.Length > 64 ? errorComment[..64] : errorComment);
        }

        if (request.Field == DimseCommandField.CStoreRequest && request.AffectedSopInstanceUid is { } instance && IsUidText(instance))
        {
            command.SetString(DicomTags.AffectedSOPInstanceUID, DicomVR.UI, instance);
        }

        if (counts is { } c)
        {
            if (status.IsPending || status.IsCancel)
            {
                SetUShort(command, DicomTags.NumberOfRemainingSuboperations, Clamp(c.Remaining));
            }

            SetUShort(command, DicomTags.NumberOfCompletedSuboperations, Clamp(c.Completed));
            SetUShort(command, DicomTags.NumberOfFailedSuboperations, Clamp(c.Failed));
            SetUShort(command, DicomTags.NumberOfWarningSuboperations, Clamp(c.Warning));
        }

        return command;
    }

    /// <summary>
    /// True for 1-64 characters of the UI repertoire, digits and dots (PS3.5 6.2, 9.1). Components with leading zeros,
    /// which some modalities write, are let through; anything else could not name a file or be written back as UI.
    /// </summary>
    public static bool IsUidText(string? value) =>
        value is { Length: > 0 and <= DicomUid.MaxLength } && value.All(c => char.IsAsciiDigit(c) || c == '.');

    private static ushort Clamp(int value) => (ushort)Math.Clamp(value, 0, ushort.MaxValue);

    private static void SetUShort(DicomDataset command, DicomTag tag, ushort value) => command.SetNumbers(tag, DicomVR.US, [value]);
}
