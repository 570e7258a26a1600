using Hydra.Dicom.Network.Services;

namespace Hydra.Dicom.Network;

/// <summary>
/// The services a <see cref="DicomServer"/> offers: C-ECHO always; C-STORE with <see cref="Store"/>; C-FIND with
/// <see cref="Find"/>; C-GET and C-MOVE with <see cref="Retrieve"/>. A service without a handler has its SOP classes
/// rejected at negotiation.
/// </summary>
public sealed class DicomServerHandlers
{
    public IDicomStoreHandler? Store { get; init; }

    public IDicomFindHandler? Find { get; init; }

    public IDicomRetrieveHandler? Retrieve { get; init; }
}
