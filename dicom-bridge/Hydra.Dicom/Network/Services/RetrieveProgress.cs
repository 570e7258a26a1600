using Hydra.Dicom.Dictionary;
using Hydra.Dicom.Network.Protocol;

namespace Hydra.Dicom.Network.Services;

/// <summary>Counts the sub-operations of a C-GET or C-MOVE and forms its responses (PS3.4 C.4.2.1.5, C.4.3.1.4).</summary>
internal sealed class RetrieveProgress
{
    private readonly int _total;
    private readonly List<string> _failed = [];

    public RetrieveProgress(int total) => _total = total;

    public int Completed { get; private set; }

    public int Warning { get; private set; }

    public int Failed => _failed.Count;

    public int Remaining => _total - Completed - Warning - Failed;

    public DicomSubOperationCounts Counts => new(Remaining, Completed, Failed, Warning);

    public void Record(string sopInstanceUid, DicomStatus status)
    {
        if (status.IsSuccess)
        {
            Completed++;
        }
        else if (status.IsWarning)
        {
            Warning++;
        }
        else
        {
            _failed.Add(sopInstanceUid);
        }
    }

    /// <summary>
    /// The final response: success; B000 when some sub-operations failed or warned; A702 when all failed; cancel when
    /// the peer cancelled. Failures list their instances in Failed SOP Instance UID List (0008,0058).
    /// </summary>
    public FinalResponse Final(bool cancelled)
    {
        var status = cancelled ? DicomStatus.Cancel
            : Failed == 0 && Warning == 0 ? DicomStatus.Success
            : Completed == 0 && Warning == 0 ? DicomStatus.OutOfResourcesUnableToPerformSubOperations
            : DicomStatus.SubOperationsCompleteWithFailures;
        DicomDataset? dataset = null;
        if (_failed.Count > 0)
        {
            dataset = new DicomDataset();
            dataset.SetStrings(DicomTags.FailedSOPInstanceUIDList, DicomVR.UI, [.. _failed]);
        }

        return new FinalResponse(status, null, Counts, dataset);
    }
}
