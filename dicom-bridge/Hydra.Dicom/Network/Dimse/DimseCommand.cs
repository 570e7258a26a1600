using System.Globalization;
using Hydra.Dicom.Dictionary;

namespace Hydra.Dicom.Network.Dimse;

/// <summary>
/// A DIMSE command set (PS3.7 9, 6.3.1; always Implicit VR Little Endian on the wire) with typed access to the
/// fields Hydra uses. Reading a required field that is absent or malformed raises <see cref="DicomNetworkException"/>.
/// </summary>
internal sealed class DimseCommand
{
    /// <summary>Command Data Set Type (0000,0800) meaning "no data set"; any other value means one follows (PS3.7 E.1).</summary>
    public const ushort NoDataset = 0x0101;

    public DimseCommand(DicomDataset dataset) => Dataset = dataset;

    public DicomDataset Dataset { get; }

    public DimseCommandField Field => (DimseCommandField)RequireUShort(DicomTags.CommandField, "Command Field");

    public bool IsResponse => ((ushort)Field & 0x8000) != 0;

    public ushort MessageId => RequireUShort(DicomTags.MessageID, "Message ID");

    public ushort MessageIdBeingRespondedTo => RequireUShort(DicomTags.MessageIDBeingRespondedTo, "Message ID Being Responded To");

    public bool HasDataset => Dataset.TryGetNumber<ushort>(DicomTags.CommandDataSetType, out var type) && type != NoDataset;

    public DicomStatus Status => new(RequireUShort(DicomTags.Status, "Status"));

    public string? AffectedSopClassUid => Dataset.GetString(DicomTags.AffectedSOPClassUID);

    public string? AffectedSopInstanceUid => Dataset.GetString(DicomTags.AffectedSOPInstanceUID);

    public ushort Priority => Dataset.TryGetNumber<ushort>(DicomTags.Priority, out var priority) ? priority : (ushort)0;

    public string? MoveDestination => Dataset.GetString(DicomTags.MoveDestination)?.Trim();

    public string? MoveOriginatorAeTitle => Dataset.GetString(DicomTags.MoveOriginatorApplicationEntityTitle)?.Trim();

    public ushort? MoveOriginatorMessageId =>
        Dataset.TryGetNumber<ushort>(DicomTags.MoveOriginatorMessageID, out var id) ? id : null;

    public string? ErrorComment => Dataset.GetString(DicomTags.ErrorComment);

    /// <summary>Sub-operation counts of a C-GET or C-MOVE response (PS3.7 9.3.3.2, 9.3.4.2); null when absent.</summary>
    public DicomSubOperationCounts? SubOperations =>
        Dataset.TryGetNumber<ushort>(DicomTags.NumberOfRemainingSuboperations, out var remaining) | Dataset.Contains(DicomTags.NumberOfCompletedSuboperations)
            ? new DicomSubOperationCounts(remaining, Count(DicomTags.NumberOfCompletedSuboperations),
                Count(DicomTags.NumberOfFailedSuboperations), Count(DicomTags.NumberOfWarningSuboperations))
            : null;

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Dataset.GetNumber<ushort>(DicomTags.CommandField):X4}");

    private int Count(DicomTag tag) => Dataset.TryGetNumber<ushort>(tag, out var value) ? value : 0;

    private ushort RequireUShort(DicomTag tag, string name)
    {
        try
        {
            if (Dataset.TryGetNumber<ushort>(tag, out var value))
            {
                return value;
            }
        }
        catch (DicomException e)
        {
            throw new DicomNetworkException($"The DIMSE command's {name} {tag.ToDisplayString()} is malformed.", e);
        }

        throw new DicomNetworkException($"The DIMSE command lacks {name} {tag.ToDisplayString()}.");
    }
}
