using Hydra.Dicom.IO;

namespace Hydra.Dicom.Tests.Network.Support;

/// <summary>What <see cref="RecordingStoreHandler"/> kept of one C-STORE.</summary>
public sealed record ReceivedInstance(string SopClassUid, string SopInstanceUid, DicomTransferSyntax TransferSyntax, byte[] Dataset,
    string CallingAeTitle, string? PeerIdentity, string? MoveOriginatorAeTitle)
{
    public DicomDataset Parse() => DicomDatasetReader.Read(Dataset, TransferSyntax);
}
