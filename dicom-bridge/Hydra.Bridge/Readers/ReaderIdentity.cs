using Hydra.Dicom.Network.Tls;
using Hydra.Hosting;

namespace Hydra.Bridge.Readers;

/// <summary>
/// A DICOM TLS peer: its connection, with the certificate chain it presented (forwarded to keystore nodes when the
/// bridge fetches keys for it). Refused peers still complete TLS so that their requests get a DICOM refusal with the
/// reason instead of a dropped connection.
/// </summary>
internal sealed record ReaderIdentity(GridConnectionFeature Connection) : IDicomPeerIdentity
{
    /// <summary>The subject the chain claims (validated or not), for logs.</summary>
    public string Name => CredentialAuthenticator.Claimed(Connection.Session.PeerChain, Connection.Peer, DateTimeOffset.UnixEpoch).SubjectText;
}
