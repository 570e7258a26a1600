using Hydra.Dicom.Network;
using Hydra.Dicom.Network.Services;

namespace Hydra.Bridge.Readers;

/// <summary>Who may query and retrieve: only readers on DICOM TLS whose credential was validated.</summary>
internal static class ReaderAccess
{
    public static ReaderIdentity Require(DicomAssociationContext association, ILogger logger)
    {
        var identity = association.PeerIdentity as ReaderIdentity;
        var refusal = identity switch
        {
            null => "queries and retrieval need DICOM TLS with a client certificate",
            { Reader: null } => identity.Refusal ?? "the credential was refused",
            _ => null,
        };
        if (refusal is not null)
        {
            BridgeLog.ReaderRefused(logger, identity?.Name ?? association.CallingAeTitle, association.Id, refusal);
            throw new DicomServiceException(DicomStatus.NotAuthorized, refusal);
        }

        return identity!;
    }
}
