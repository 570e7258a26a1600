using Hydra.Access;
using Hydra.Dicom.Network;
using Hydra.Dicom.Network.Services;
using Hydra.Hosting;

namespace Hydra.Bridge.Readers;

/// <summary>
/// Who may query and retrieve: only readers on DICOM TLS whose credential the bridge's one trust store accepts now.
/// The credential is judged on every request (cached until the trust store reloads), so a revoked reader is refused
/// without reconnecting.
/// </summary>
internal sealed class ReaderAccess
{
    private readonly CredentialAuthenticator _authenticator;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public ReaderAccess(CredentialAuthenticator authenticator, TimeProvider time, ILogger<ReaderAccess> logger)
    {
        _authenticator = authenticator;
        _time = time;
        _logger = logger;
    }

    /// <summary>The reader on <paramref name="association"/>; a refusal is a DICOM "not authorized" with the reason.</summary>
    public (ReaderIdentity Identity, CallerIdentity Reader) Require(DicomAssociationContext association)
    {
        if (association.PeerIdentity is not ReaderIdentity identity)
        {
            throw Refuse(association.CallingAeTitle, association.Id, "queries and retrieval need DICOM TLS with a client certificate");
        }

        try
        {
            return (identity, identity.Connection.Authenticate(_authenticator, _time.GetUtcNow()));
        }
        catch (CredentialRefusedException refused)
        {
            throw Refuse(identity.Name, association.Id, refused.Message);
        }
    }

    private DicomServiceException Refuse(string name, long association, string reason)
    {
        BridgeLog.ReaderRefused(_logger, name, association, reason);
        return new DicomServiceException(DicomStatus.NotAuthorized, reason);
    }
}
